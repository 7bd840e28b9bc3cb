using System.Text.Json.Nodes;
using FamilyAid.Functions.Tests.Security;

namespace FamilyAid.Functions.Tests.Audit;

/// <summary>An app of its own for the audit tests: its clock moves between steps, as a real one does.</summary>
public sealed class AuditApp() : ConfiguredApp(_ => { });

/// <summary><c>GET /api/admin/audit?subject=…</c>: who did what to a person or a request, newest first, admins only.</summary>
public sealed class AuditTests(AuditApp app) : IClassFixture<AuditApp>
{
    private async Task<JsonArray> Audit(string subject, string? take = null)
    {
        var response = await app.Admin().GetAsync($"/api/admin/audit?subject={Uri.EscapeDataString(subject)}{(take is null ? "" : "&take=" + take)}");
        await Api.Expect(response, HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync();
        Assert.False(ClearResidentIds.In(body), $"An audit answer holds a resident ID: {ClearResidentIds.Redact(body)}");
        return JsonNode.Parse(body)!.AsArray();
    }

    private static string[] Actions(JsonArray entries) => entries.Select(e => e!["action"]!.GetValue<string>()).ToArray();

    /// <summary>A step, then a second on the clock so that each entry has its own instant.</summary>
    private async Task<T> Step<T>(Func<Task<T>> step)
    {
        var result = await step();
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        return result;
    }

    private async Task Step(Func<Task> step) => await Step(async () =>
    {
        await step();
        return 0;
    });

    [Fact]
    public async Task A_request_s_trail_lists_every_step_newest_first_with_who_did_it()
    {
        // Given an authorizer and a relative the admin registered
        var authorizer = await Step(() => Api.Insured(app));
        var member = await Step(() => Api.Insured(app, insuranceType: "resident"));
        var owner = app.As(authorizer.Id);

        // When the authorizer opens a request, uploads its documents and submits it, a reviewer reads it, and the authorizer cancels it
        var requestedAt = app.Clock.GetUtcNow();
        var bindingId = await Step(() => Api.CreateBinding(app, authorizer, member));
        foreach (var type in Api.AllDocuments)
        {
            await Step(async () => await Api.Expect(await Api.Upload(owner, bindingId, type, Api.Jpeg()), HttpStatusCode.Created));
        }

        await Step(async () => await Api.Expect(await owner.PostAsync($"/api/bindings/{bindingId}/submit", null), HttpStatusCode.Accepted));
        var reviewedAt = app.Clock.GetUtcNow();
        await Step(async () => await Api.Expect(await app.Reviewer("guangdong").GetAsync($"/api/review/bindings/{bindingId}"), HttpStatusCode.OK));
        await Step(async () => await Api.Expect(await owner.PostAsync($"/api/bindings/{bindingId}/cancel", null), HttpStatusCode.OK));

        // Then the request's trail holds each step, newest first
        var trail = await Audit(bindingId);
        Assert.Equal(
            ["binding-cancelled", "review-read", "binding-submitted", .. Enumerable.Repeat("document-uploaded", 7), "binding-requested"],
            Actions(trail));
        var times = trail.Select(e => e!["at"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.Equal(requestedAt, times[^1]);
        Assert.Equal(reviewedAt, times[1]);

        // And each names its actor and the actor's role, and is about the request
        foreach (var entry in trail)
        {
            var action = entry!["action"]!.GetValue<string>();
            var (actorId, role) = action == "review-read" ? ("reviewer-guangdong", "reviewer") : (authorizer.Id, "applicant");
            Assert.Equal(actorId, entry["actorId"]!.GetValue<string>());
            Assert.Equal(role, entry["actorRole"]!.GetValue<string>(), ignoreCase: true);
            Assert.Equal(bindingId, entry["subject"]!.GetValue<string>());
        }

        // And the details say what, never who in clear: document types and digests, link lifetimes
        Assert.Contains("hukou-home", string.Join(" ", trail.Select(e => e!["detail"]?.GetValue<string>())), StringComparison.Ordinal);
        var linksIssued = trail[1]!["detail"]!.GetValue<string>();
        Assert.Contains(reviewedAt.AddMinutes(5).ToString("O"), linksIssued, StringComparison.Ordinal);
        Assert.All(Api.AllDocuments, type => Assert.Contains(type, linksIssued, StringComparison.Ordinal));

        // And each person's trail holds their registration by the admin
        foreach (var person in new[] { authorizer, member })
        {
            var entry = Assert.Single(await Audit(person.Id));
            Assert.Equal("insured-upserted", entry!["action"]!.GetValue<string>());
            Assert.Equal("admin-1", entry["actorId"]!.GetValue<string>());
            Assert.Equal("admin", entry["actorRole"]!.GetValue<string>(), ignoreCase: true);
            Assert.DoesNotContain(person.ResidentId, entry.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Actor_roles_are_spelled_as_in_tokens_and_api_md()
    {
        // Given a person the admin registered, with a request a reviewer read
        var authorizer = await Step(() => Api.Insured(app));
        var member = await Step(() => Api.Insured(app, insuranceType: "resident"));
        var bindingId = await Step(() => Api.CreateBinding(app, authorizer, member));
        await Step(async () => await Api.Expect(await Api.Upload(app.As(authorizer.Id), bindingId, "hukou-home", Api.Jpeg()), HttpStatusCode.Created));
        await Step(async () => await Api.Expect(await app.Reviewer("guangdong").GetAsync($"/api/review/bindings/{bindingId}"), HttpStatusCode.OK));

        // When the admin reads the trails
        var roles = (await Audit(bindingId)).Concat(await Audit(member.Id)).Select(e => e!["actorRole"]!.GetValue<string>()).ToHashSet();

        // Then roles are the wire names (docs/API.md: applicant, reviewer, institution, admin), like every other enum value on the wire
        Assert.Equal(["admin", "applicant", "reviewer"], roles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Take_limits_the_trail_to_the_newest_entries()
    {
        // Given a request with a few steps
        var authorizer = await Step(() => Api.Insured(app));
        var member = await Step(() => Api.Insured(app, insuranceType: "resident"));
        var bindingId = await Step(() => Api.CreateBinding(app, authorizer, member));
        await Step(async () => await Api.Expect(await Api.Upload(app.As(authorizer.Id), bindingId, "hukou-home", Api.Jpeg()), HttpStatusCode.Created));
        await Step(async () => await Api.Expect(await app.As(authorizer.Id).PostAsync($"/api/bindings/{bindingId}/cancel", null), HttpStatusCode.OK));

        // When the admin asks for 1, 2, the most there may be, and none in particular
        // Then each answer is the newest that many
        Assert.Equal(["binding-cancelled"], Actions(await Audit(bindingId, "1")));
        Assert.Equal(["binding-cancelled", "document-uploaded"], Actions(await Audit(bindingId, "2")));
        Assert.Equal(["binding-cancelled", "document-uploaded", "binding-requested"], Actions(await Audit(bindingId, "500")));
        Assert.Equal(["binding-cancelled", "document-uploaded", "binding-requested"], Actions(await Audit(bindingId)));
    }

    [Fact]
    public async Task A_subject_with_no_trail_is_an_empty_list()
    {
        Assert.Empty(await Audit("no-such-subject"));
    }

    [Fact]
    public async Task Only_an_admin_reads_the_trail()
    {
        // Given a request with a trail
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var bindingId = await Api.CreateBinding(app, authorizer, member);
        var url = $"/api/admin/audit?subject={bindingId}";

        // When anyone but an admin asks for it, then they may not; without a token they are not known
        foreach (var client in new[] { app.As(authorizer.Id), app.As(member.Id), app.Reviewer("guangdong"), app.As("inst-1", "institution", institution: "inst-1") })
        {
            await Api.ExpectProblem(await client.GetAsync(url), HttpStatusCode.Forbidden, "forbidden");
        }

        await Api.ExpectProblem(await app.Anonymous().GetAsync(url), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("")]
    [InlineData("?subject=")]
    [InlineData("?take=10")]
    [InlineData("?subject=a%20b")]
    [InlineData("?subject=a%2Fb")]
    [InlineData("?subject=..%2F..")]
    [InlineData("?subject=a'%20or%20'1'%20eq%20'1")]
    [InlineData("?subject=%E5%BC%A0%E4%B8%89")]
    [InlineData("?subject=0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task A_missing_or_odd_subject_is_refused(string query)
    {
        var response = await app.Admin().GetAsync("/api/admin/audit" + query);
        var problem = await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Equal("subject", problem["field"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("501")]
    [InlineData("100000")]
    public async Task A_take_out_of_bounds_is_refused(string take)
    {
        var response = await app.Admin().GetAsync($"/api/admin/audit?subject=some-subject&take={take}");
        var problem = await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Equal("take", problem["field"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("ten")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public async Task A_take_that_is_not_a_whole_number_is_refused(string take)
    {
        var response = await app.Admin().GetAsync($"/api/admin/audit?subject=some-subject&take={take}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
