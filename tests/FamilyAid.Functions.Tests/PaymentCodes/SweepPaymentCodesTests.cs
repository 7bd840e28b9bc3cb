using FamilyAid.Functions.PaymentCodes;
using FamilyAid.Functions.Tests.Families;
using FamilyAid.Functions.Triggers;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.PaymentCodes;

/// <summary>Timer <c>SweepPaymentCodes</c>: codes go a day after they expired; live ones and recently expired ones stay.</summary>
public sealed class SweepPaymentCodesTests(PrivateApp app) : IClassFixture<PrivateApp>
{
    private async Task<bool> Stored(string code) =>
        await app.Services.GetRequiredService<PaymentCodeStore>().Get(app.Services.GetRequiredService<PaymentCodeSigner>().Verify(code)!, default) is not null;

    private Task Sweep() =>
        app.Services.GetRequiredService<IEnumerable<ITimerFunction>>().Single(f => f.Name == "SweepPaymentCodes").Run(default);

    [Fact]
    public async Task Codes_expired_over_a_day_ago_are_deleted_and_newer_ones_kept()
    {
        // Given a member's code that expired a day and a minute ago, one that expired a minute ago, and a live one
        var family = await FamilySteps.New(app, "gansu");
        var old = await FamilySteps.PaymentCode(app, family.Member.Id);
        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var recent = await FamilySteps.PaymentCode(app, family.Member.Id);
        app.Clock.Advance(TimeSpan.FromSeconds(120) + TimeSpan.FromMinutes(1));
        var live = await FamilySteps.PaymentCode(app, family.Member.Id);

        // When the sweep runs
        await Sweep();

        // Then only the old one is gone
        Assert.False(await Stored(old));
        Assert.True(await Stored(recent));
        Assert.True(await Stored(live));
    }
}
