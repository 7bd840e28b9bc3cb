using Azure.Data.Tables;
using FamilyAid.Functions.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Institutions;

/// <summary>Issue 16: an instance answers institution requests from the registry row it read within the last
/// <c>Institutions:RegistryCacheSeconds</c> (30 s) instead of reading it on every request (DECISIONS 32). It moves the
/// clock, so it has an app of its own.</summary>
public sealed class RegistryCacheTests(PrivateApp app) : IClassFixture<PrivateApp>
{
    [Fact]
    public async Task A_withdrawal_recorded_by_another_instance_stops_the_desk_once_the_cache_time_has_passed()
    {
        // Given a designated hospital whose desk this instance has just let through
        var (id, desk) = await DeskLetThrough();

        // When another instance records its designation withdrawn (its row rewritten behind this instance's back)
        var tables = app.Services.GetRequiredService<Tables>();
        await tables.Institutions.UpdateEntityAsync(
            new TableEntity(id, "institution") { ["Designated"] = false }, Azure.ETag.All, TableUpdateMode.Merge);

        // Then this instance answers from what it read until 30 s have passed, and refuses from then on
        app.Clock.Advance(TimeSpan.FromSeconds(29));
        await Api.Expect(await Reconcile(desk), HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        await Api.ExpectProblem(await Reconcile(desk), HttpStatusCode.Forbidden, "institution-not-designated");
    }

    [Fact]
    public async Task A_withdrawal_recorded_through_this_instance_stops_the_desk_at_once()
    {
        // Given a designated hospital whose desk this instance has just let through
        var (id, desk) = await DeskLetThrough();

        // When the admin withdraws its designation through this instance
        await Api.Expect(await InstitutionSteps.Put(app, id, designated: false), HttpStatusCode.OK);

        // Then its next request is refused, without waiting for the cache time
        await Api.ExpectProblem(await Reconcile(desk), HttpStatusCode.Forbidden, "institution-not-designated");
    }

    private async Task<(string Id, HttpClient Desk)> DeskLetThrough()
    {
        var id = InstitutionSteps.NewId();
        await Api.Expect(await InstitutionSteps.Put(app, id), HttpStatusCode.OK);
        var desk = app.As($"{id}-desk", "institution", institution: id);
        await Api.Expect(await Reconcile(desk), HttpStatusCode.OK);
        return (id, desk);
    }

    private Task<HttpResponseMessage> Reconcile(HttpClient desk) =>
        desk.GetAsync($"/api/institutions/me/reconciliation?date={Domain.Identity.Age.ChinaDate(app.Clock.GetUtcNow()):yyyy-MM-dd}");
}
