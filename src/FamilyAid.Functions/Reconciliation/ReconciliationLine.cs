using FamilyAid.Domain.Identity;
using FamilyAid.Domain.Ledger;

namespace FamilyAid.Functions.Reconciliation;

/// <summary>Whether a reconciliation line is a bill settled or a bill given back.</summary>
public enum ReconciliationKind
{
    /// <summary>A completed settlement, on the China day it was made (its id's time).</summary>
    Settlement,

    /// <summary>A finished refund, on the China day it was asked for.</summary>
    Refund,
}

/// <summary>One line of an institution's reconciliation (对账): a settlement or a refund, with how each kind of payer
/// account paid (or got back) its part.</summary>
/// <param name="FamilyAccountFen">The family account: the pool, or the sharer's personal account where the region has none.</param>
/// <param name="QuotaFen">The relative's quota (共济额度) in the sharer's account.</param>
/// <param name="CashFen">What the patient paid (or got back) in cash at the institution.</param>
public sealed record ReconciliationLine(
    ReconciliationKind Kind, string SettlementId, DateTimeOffset At, SpendingCategory Category, long AmountFen,
    long OwnAccountFen, long FamilyAccountFen, long QuotaFen, long CashFen)
{
    /// <summary>The China day the line counts on.</summary>
    public DateOnly Date => Age.ChinaDate(At);

    /// <summary>The line a settled movement earns, or null (a transfer, or a settlement not at an end).</summary>
    /// <remarks>Its time comes from the settlement's state, never from the clock of the run that tells it, so that every
    /// run (the request, a retry, recovery after midnight) writes the same row in the same day.</remarks>
    public static ReconciliationLine? Of<T>(T movement)
        where T : IMovement<T> => movement switch
    {
        Settlement { Status: SettlementStatus.Completed } s => From(ReconciliationKind.Settlement, s, MadeAt(s.Id)),
        Settlement { Status: SettlementStatus.Refunded } s => From(ReconciliationKind.Refund, s, s.RefundAskedAt ?? MadeAt(s.Id)),
        _ => null,
    };

    private static ReconciliationLine From(ReconciliationKind kind, Settlement s, DateTimeOffset at) =>
        new(kind, s.Id, at, s.Plan.Category, s.Plan.BillFen, s.Split.OwnAccountFen, s.Split.FamilyAccountFen, s.Split.QuotaFen, s.Split.CashFen);

    // A settlement's id is a version-7 GUID made from the app's clock when the institution's request came (Storage/Ids):
    // its first 48 bits are that time in Unix milliseconds.
    private static DateTimeOffset MadeAt(string id)
    {
        if (!Guid.TryParseExact(id, "N", out var guid) || guid.Version != 7)
        {
            throw new InvalidOperationException($"Settlement {id} has no version-7 id to date it by.");
        }

        var bytes = guid.ToByteArray(bigEndian: true);
        var milliseconds = 0L;
        for (var i = 0; i < 6; i++)
        {
            milliseconds = (milliseconds << 8) | bytes[i];
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }
}
