using FamilyAid.Functions.PaymentCodes;
using FamilyAid.Functions.Tests.Families;
using FamilyAid.Functions.Tests.Settlements;
using FamilyAid.Functions.Triggers;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.PaymentCodes;

/// <summary>Timer <c>SweepPaymentCodes</c>: the single-use rows of used codes go a day after the codes expired; those of
/// live and recently expired codes stay.</summary>
public sealed class SweepPaymentCodesTests(PrivateApp app) : IClassFixture<PrivateApp>
{
    // Whether the code's single-use row is stored (a code has one once a settlement used it).
    private async Task<bool> Stored(string code) =>
        await app.Services.GetRequiredService<PaymentCodeStore>().UsedBy(app.Services.GetRequiredService<PaymentCodeSigner>().Open(code)!.CodeId, default) is not null;

    private Task Sweep() =>
        app.Services.GetRequiredService<IEnumerable<ITimerFunction>>().Single(f => f.Name == "SweepPaymentCodes").Run(default);

    // A code of the member's, used at once for a small bill.
    private async Task<string> Used(string memberId, HttpClient hospital)
    {
        var code = await FamilySteps.PaymentCode(app, memberId);
        await Money.Pay(hospital, code, 100);
        return code;
    }

    [Fact]
    public async Task Used_codes_expired_over_a_day_ago_are_deleted_and_newer_ones_kept()
    {
        // Given a member's used code that expired a day and a minute ago, one that expired a minute ago, and a live one
        var family = await FamilySteps.New(app, "gansu");
        var hospital = Money.Institution(app, Money.NewInstitution());
        var old = await Used(family.Member.Id, hospital);
        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var recent = await Used(family.Member.Id, hospital);
        app.Clock.Advance(TimeSpan.FromSeconds(120) + TimeSpan.FromMinutes(1));
        var live = await Used(family.Member.Id, hospital);
        Assert.True(await Stored(old));

        // When the sweep runs
        await Sweep();

        // Then only the old one's row is gone
        Assert.False(await Stored(old));
        Assert.True(await Stored(recent));
        Assert.True(await Stored(live));
    }
}
