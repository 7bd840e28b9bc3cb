using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Tests.Ledger;

/// <summary>PaymentCodeGrant.UsableBy: a code is single-use, expires, and dies with its relationship.</summary>
public sealed class PaymentCodeGrantTests
{
    private static readonly DateTimeOffset ExpiresAt = China.At(2026, 6, 1, 10, 5);

    private static readonly PaymentCodeGrant Unused =
        new("code-1", TestPeople.MemberId, LedgerData.RelationshipId, ExpiresAt, UsedBy: null);

    [Fact]
    public void An_unused_unexpired_code_of_an_active_relationship_is_usable() =>
        Assert.True(Unused.UsableBy(LedgerData.SettlementId, ExpiresAt.AddSeconds(-1), relationshipActive: true));

    [Fact]
    public void An_unused_code_is_no_longer_usable_at_exactly_its_expiry() =>
        Assert.False(Unused.UsableBy(LedgerData.SettlementId, ExpiresAt, relationshipActive: true));

    [Fact]
    public void Expiry_compares_instants_not_wall_clocks() =>
        Assert.False(Unused.UsableBy(LedgerData.SettlementId, ExpiresAt.ToUniversalTime(), relationshipActive: true));

    [Fact]
    public void A_code_used_by_another_settlement_is_not_usable()
    {
        var used = Unused with { UsedBy = "settlement-other" };

        Assert.False(used.UsableBy(LedgerData.SettlementId, ExpiresAt.AddMinutes(-4), relationshipActive: true));
    }

    [Theory]
    [InlineData(-4)]
    [InlineData(0)]
    [InlineData(60)]
    public void A_code_used_by_this_very_settlement_stays_usable_for_its_retry_even_after_expiry(int minutesFromExpiry)
    {
        var used = Unused with { UsedBy = LedgerData.SettlementId };

        Assert.True(used.UsableBy(LedgerData.SettlementId, ExpiresAt.AddMinutes(minutesFromExpiry), relationshipActive: true));
    }

    [Theory]
    [InlineData(null, -4)]
    [InlineData(null, 60)]
    [InlineData(LedgerData.SettlementId, -4)]
    [InlineData(LedgerData.SettlementId, 60)]
    [InlineData("settlement-other", -4)]
    public void A_code_whose_relationship_ended_is_never_usable(string? usedBy, int minutesFromExpiry)
    {
        var grant = Unused with { UsedBy = usedBy };

        Assert.False(grant.UsableBy(LedgerData.SettlementId, ExpiresAt.AddMinutes(minutesFromExpiry), relationshipActive: false));
    }
}
