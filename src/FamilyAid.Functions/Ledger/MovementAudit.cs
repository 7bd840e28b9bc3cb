using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.Ledger;

/// <summary>The audit entry a money movement earns when it reaches an end, whichever run (the request, its retry, a
/// refund or recovery) takes it there.</summary>
public static class MovementAudit
{
    /// <summary>The action and detail for <paramref name="movement"/>'s end, or null for an end worth no entry (a
    /// refused transfer moved nothing).</summary>
    public static (string Action, string Detail)? Of<T>(T movement)
        where T : IMovement<T> => movement switch
    {
        Settlement { Status: SettlementStatus.Completed } s =>
            ("settlement", $"{Wire.Name(s.Plan.Category)} {s.Plan.BillFen} fen: own {s.Split.OwnAccountFen}, family {s.Split.FamilyAccountFen}, cash {s.Split.CashFen}"),
        Settlement { Status: SettlementStatus.Refunded } s =>
            ("settlement-refunded", $"own {s.Split.OwnAccountFen}, family {s.Split.FamilyAccountFen} restored"),
        Transfer { Status: TransferStatus.Completed } t => ("transfer", $"{t.AmountFen} fen into the family pool"),
        _ => null,
    };
}
