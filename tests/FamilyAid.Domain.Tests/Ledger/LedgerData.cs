using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Tests.Ledger;

/// <summary>Settlement plans and legs for the ledger tests: the member pays a bill from their own account, then the
/// authorizer's pool.</summary>
internal static class LedgerData
{
    public const string SettlementId = "settlement-1";
    public const string InstitutionId = "institution-1";
    public const string RelationshipId = "relationship-1";

    public static readonly AccountId Own = AccountId.Personal(TestPeople.MemberId);
    public static readonly AccountId Family = AccountId.Pool(TestPeople.AuthorizerId);

    /// <summary>A plan for <paramref name="billFen"/> with the own account, the family account, both or neither.</summary>
    public static SettlementPlan Plan(long billFen, bool own = true, bool family = true) => new(
        SettlementId, InstitutionId, TestPeople.MemberId, RelationshipId, SpendingCategory.Outpatient, billFen,
        own ? Own : null, family ? Family : null);

    /// <summary>The settlement after its next leg moved <paramref name="takenFen"/> (a debit: recorded negative, as posted).</summary>
    public static Settlement Debited(this Settlement settlement, long takenFen)
    {
        var leg = settlement.NextLeg() ?? throw new InvalidOperationException("test setup: no leg left to debit");
        return settlement.Record(leg, -takenFen);
    }

    /// <summary>A completed settlement of <paramref name="billFen"/> whose own and family debits took these amounts.</summary>
    public static Settlement Completed(long billFen, long ownFen, long familyFen)
    {
        var settlement = Settlement.Start(Plan(billFen)).Debited(ownFen);
        if (settlement.NextLeg() is not null)
        {
            settlement = settlement.Debited(familyFen);
        }

        var completed = settlement.Finish();
        Assert.Equal(SettlementStatus.Completed, completed.Status);
        return completed;
    }

    /// <summary>Every leg of the current stage, each recorded as posted in full (refund credits).</summary>
    public static (Settlement After, List<Leg> Legs) PostAll(this Settlement settlement)
    {
        var legs = new List<Leg>();
        while (settlement.NextLeg() is { } leg)
        {
            legs.Add(leg);
            settlement = settlement.Record(leg, leg.Posting.AmountFen);
        }

        return (settlement, legs);
    }

    /// <summary>The transfer after its next leg was posted in full.</summary>
    public static Transfer Posted(this Transfer transfer)
    {
        var leg = transfer.NextLeg() ?? throw new InvalidOperationException("test setup: no leg left to post");
        return transfer.Record(leg, leg.Posting.AmountFen);
    }
}
