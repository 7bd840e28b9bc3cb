using FamilyAid.Functions.Tests.Families;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.RemoteRegistrations;

/// <summary>异地就医备案 through HTTP: filing for oneself or someone one acts for, review, overlap, cancel, list.</summary>
[Collection(AppCollection.Name)]
public sealed class RemoteRegistrationTests(FamilyAidApp app)
{
    private async Task<int> StoredRows(string personId)
    {
        var table = app.Services.GetRequiredService<FamilyAid.Functions.Storage.Tables>().RemoteRegistrations;
        var count = 0;
        await foreach (var _ in table.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == personId))
        {
            count++;
        }

        return count;
    }

    [Fact]
    public async Task A_gansu_person_filing_with_a_commitment_is_active_at_once_for_six_months()
    {
        // Given a gansu-insured person (承诺制)
        var person = await Api.Insured(app, region: "gansu");

        // When they file temporary-other to Guangzhou with their commitment
        var filed = await Registrations.Filed(app, person, Registrations.Body(app));

        // Then it is active, valid six months, with its timeline, and holds no resident ID
        Assert.Equal("active", Registrations.Status(filed));
        Assert.Equal(Registrations.Today(app).AddMonths(6).ToString("O"), filed["validUntil"]!.GetValue<string>());
        Assert.Equal("广州市", filed["destination"]!["cityName"]!.GetValue<string>());
        Assert.Equal(10, filed["temporaryRatioReductionPoints"]!.GetValue<int>());
        var read = await Registrations.Read(app, person, Registrations.Id(filed));
        Assert.Equal("filed-active", read["timeline"]![0]!["event"]!.GetValue<string>());
        Assert.DoesNotContain(person.ResidentId, read.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_guangdong_filing_waits_for_a_guangdong_reviewer_who_approves_it()
    {
        // Given a guangdong-insured person filing a long-term residence in Lanzhou (guangdong has no 承诺制)
        var person = await Api.Insured(app);
        var filed = await Registrations.Filed(app, person, Registrations.Body(app, "long-term-residence", "62", "620100"));
        var id = Registrations.Id(filed);
        Assert.Equal("in-review", Registrations.Status(filed));
        Assert.Null(filed["validUntil"]);

        // When a gansu reviewer looks and decides, and then a guangdong reviewer does
        var wrongRegion = await app.Reviewer("gansu").PostAsJsonAsync($"/api/review/remote-registrations/{id}/decision", new { decision = "approve" });
        var queue = await Api.Json(await app.Reviewer("guangdong").GetAsync("/api/review/remote-registrations?take=500"));
        var approved = await app.Reviewer("guangdong").PostAsJsonAsync($"/api/review/remote-registrations/{id}/decision", new { decision = "approve", reason = "居住证明 ok" });

        // Then the gansu reviewer is told it does not exist, the guangdong queue holds it, and it is active after approval
        await Api.ExpectProblem(wrongRegion, HttpStatusCode.NotFound, "not-found");
        Assert.Contains(queue.AsArray(), r => r!["id"]!.GetValue<string>() == id);
        await Api.Expect(approved, HttpStatusCode.OK);
        Assert.Equal("active", Registrations.Status(await Api.Json(approved)));
        var again = await app.Reviewer("guangdong").PostAsJsonAsync($"/api/review/remote-registrations/{id}/decision", new { decision = "reject", reason = "late" });
        await Api.ExpectProblem(again, HttpStatusCode.Conflict, "registration-not-open");
        Assert.Equal(["filed-for-review", "approved"], (await Registrations.Read(app, person, id))["timeline"]!.AsArray().Select(s => s!["event"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Overlapping_filings_are_refused_even_when_sent_at_once()
    {
        // Given a gansu person with an active registration
        var person = await Api.Insured(app, region: "gansu");
        await Registrations.Filed(app, person, Registrations.Body(app));

        // When they file another one starting within it, then 409 overlapping-registration
        await Api.ExpectProblem(await Registrations.File(app, person, Registrations.Body(app, cityCode: "440300", startInDays: 30)),
            HttpStatusCode.Conflict, "overlapping-registration");

        // And given another gansu person, when they send two overlapping filings at the same moment
        var other = await Api.Insured(app, region: "gansu");
        var answers = await Task.WhenAll(
            Registrations.File(app, other, Registrations.Body(app)), Registrations.File(app, other, Registrations.Body(app, "emergency")));

        // Then exactly one lands and the other is refused as overlapping
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        await Api.ExpectProblem(Assert.Single(answers, a => a.StatusCode != HttpStatusCode.Created), HttpStatusCode.Conflict, "overlapping-registration");
        var list = await Api.Json(await app.As(other.Id).GetAsync("/api/remote-registrations"));
        Assert.Single(list.AsArray());
    }

    [Theory]
    [InlineData("44", "999999", HttpStatusCode.BadRequest, "unknown-division")]
    [InlineData("62", "440100", HttpStatusCode.BadRequest, "unknown-division")]
    [InlineData("62", "620100", HttpStatusCode.UnprocessableEntity, "destination-is-home")]
    public async Task A_destination_that_is_unknown_or_home_is_refused_and_nothing_is_written(string province, string city, HttpStatusCode status, string code)
    {
        // Given a gansu person, when they file to an unknown city, a city of another province, or their own province
        var person = await Api.Insured(app, region: "gansu");
        var response = await Registrations.File(app, person, Registrations.Body(app, provinceCode: province, cityCode: city));

        // Then it is refused with the code, and nothing is stored for them
        await Api.ExpectProblem(response, status, code);
        Assert.Equal(0, await StoredRows(person.Id));
    }

    [Theory]
    [InlineData(-31, "start-date-out-of-range")]
    [InlineData(181, "start-date-out-of-range")]
    public async Task A_start_date_beyond_the_policy_limits_is_refused(int startInDays, string code)
    {
        var person = await Api.Insured(app, region: "gansu");
        await Api.ExpectProblem(await Registrations.File(app, person, Registrations.Body(app, startInDays: startInDays)), HttpStatusCode.UnprocessableEntity, code);
    }

    [Fact]
    public async Task A_proxy_files_for_the_member_they_act_for_and_anyone_else_gets_404()
    {
        // Given a gansu proxy (亲情账户) relationship, and a stranger
        var family = await FamilySteps.New(app, "gansu", kind: "proxy");
        var stranger = await Api.Insured(app, region: "gansu");

        // When the stranger files for the member, and for a person id that does not exist
        var refused = await Registrations.File(app, stranger, Registrations.Body(app, forPersonId: family.Member.Id));
        var unknown = await Registrations.File(app, stranger, Registrations.Body(app, forPersonId: "0123456789abcdef0123456789abcdef"));

        // Then both are 404, and nothing was written for the member
        await Api.ExpectProblem(refused, HttpStatusCode.NotFound, "not-found");
        await Api.ExpectProblem(unknown, HttpStatusCode.NotFound, "not-found");
        Assert.Equal(0, await StoredRows(family.Member.Id));

        // And when the proxy files for the member, it is the member's, listed for both, read by both, hidden from the stranger
        var filed = await Registrations.Filed(app, family.Authorizer, Registrations.Body(app, forPersonId: family.Member.Id));
        Assert.Equal(family.Member.Id, filed["personId"]!.GetValue<string>());
        Assert.Equal(family.Authorizer.Id, filed["filedBy"]!.GetValue<string>());
        foreach (var who in new[] { family.Authorizer, family.Member })
        {
            var list = await Api.Json(await app.As(who.Id).GetAsync("/api/remote-registrations"));
            Assert.Contains(list.AsArray(), r => r!["id"]!.GetValue<string>() == Registrations.Id(filed));
        }

        await Api.ExpectProblem(await app.As(stranger.Id).GetAsync($"/api/remote-registrations/{Registrations.Id(filed)}"), HttpStatusCode.NotFound, "not-found");

        // And the member sees the filing among what was done in their name (亲情账户)
        var actions = await Api.Json(await app.As(family.Member.Id).GetAsync("/api/me/proxy-actions"));
        Assert.Contains(actions["actions"]!.AsArray(), a => a!["action"]!.GetValue<string>() == "remote-registration-filed");
    }

    [Fact]
    public async Task Cancelling_ends_a_registration_once_and_frees_its_days()
    {
        // Given a gansu person with an active registration
        var person = await Api.Insured(app, region: "gansu");
        var id = Registrations.Id(await Registrations.Filed(app, person, Registrations.Body(app)));

        // When a stranger and then the person cancel it
        var stranger = await app.As((await Api.Insured(app)).Id).DeleteAsync($"/api/remote-registrations/{id}");
        var cancelled = await app.As(person.Id).DeleteAsync($"/api/remote-registrations/{id}");

        // Then the stranger gets 404, the person 204; it reads cancelled, a second cancel is 409, and the days are free again
        await Api.ExpectProblem(stranger, HttpStatusCode.NotFound, "not-found");
        await Api.Expect(cancelled, HttpStatusCode.NoContent);
        Assert.Equal("cancelled", Registrations.Status(await Registrations.Read(app, person, id)));
        await Api.ExpectProblem(await app.As(person.Id).DeleteAsync($"/api/remote-registrations/{id}"), HttpStatusCode.Conflict, "registration-not-open");
        await Registrations.Filed(app, person, Registrations.Body(app));
    }
}
