using FamilyAid.Functions.Tests.Families;
using FamilyAid.Functions.Tests.Institutions;
using FamilyAid.Functions.Tests.Settlements;
using FamilyAid.Functions.Triggers;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.RemoteRegistrations;

/// <summary>Timer <c>ExpireRemoteRegistrations</c>: a temporary registration past its last day reads expired at once, and
/// the timer records when; a long-term one never expires.</summary>
public sealed class ExpiryTests(PrivateApp app) : IClassFixture<PrivateApp>
{
    private Task Expire() =>
        app.Services.GetRequiredService<IEnumerable<ITimerFunction>>().Single(f => f.Name == "ExpireRemoteRegistrations").Run(default);

    [Fact]
    public async Task A_temporary_registration_expires_after_its_last_day_and_stops_covering()
    {
        // Given a gansu member with a temporary and a sibling with a long-term registration to guangdong
        var family = await FamilySteps.New(app, "gansu");
        var worker = await Api.Insured(app, region: "gansu");
        var temporary = Registrations.Id(await Registrations.Filed(app, family.Member, Registrations.Body(app)));
        var longTerm = Registrations.Id(await Registrations.Filed(app, worker, Registrations.Body(app, "resident-worker")));
        var hospital = await InstitutionSteps.Desk(app, region: "guangdong");

        // When six months and a day pass
        app.Clock.Advance(TimeSpan.FromDays(200));

        // Then the temporary one reads expired before the timer ran, and no longer covers a settlement
        Assert.Equal("expired", Registrations.Status(await Registrations.Read(app, family.Member, temporary)));
        await Api.ExpectProblem(await Money.Settle(hospital, await Money.Code(app, family.Member), 1_000), HttpStatusCode.UnprocessableEntity, "no-remote-registration");

        // And when the timer runs, the timeline records when it expired; the long-term one is active still
        await Expire();
        var timeline = (await Registrations.Read(app, family.Member, temporary))["timeline"]!.AsArray();
        Assert.Equal("expired", timeline[^1]!["event"]!.GetValue<string>());
        Assert.Equal(app.Clock.GetUtcNow(), timeline[^1]!["at"]!.GetValue<DateTimeOffset>());
        Assert.Equal("active", Registrations.Status(await Registrations.Read(app, worker, longTerm)));
    }
}
