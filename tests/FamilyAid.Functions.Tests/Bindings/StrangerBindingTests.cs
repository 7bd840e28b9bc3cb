using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Privacy;
using FamilyAid.Functions.Relationships;
using FamilyAid.Functions.Storage;
using FamilyAid.Functions.Bindings.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Bindings;

/// <summary>Security review issue 9, finding 3: with only a child's resident ID and name, a stranger bound an unrelated
/// six-year-old (gansu sharing, or a proxy anywhere) and the real parent was locked out. A member under 16 has no face
/// check, so the relation is proven (户口本 pages, or a newborn child's birth certificate number) and reviewed.</summary>
[Collection(AppCollection.Name)]
public sealed class StrangerBindingTests(FamilyAidApp app)
{
    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    private Task<Person> Child(string region, int ageInDays) =>
        Api.Insured(app, region: region, insuranceType: "resident", birthDate: Today.AddDays(-ageInDays));

    private Task<HttpResponseMessage> Submit(Person authorizer, string id) => app.As(authorizer.Id).PostAsync($"/api/bindings/{id}/submit", null);

    private static JsonObject Body(Person member, string kind, string region, string? birthCertificateNumber = null, string relation = "child")
    {
        var body = Send.Body(member, kind, region, relation, commitmentConfirmed: region == "gansu");
        if (birthCertificateNumber is not null)
        {
            body["member"]!["birthCertificateNumber"] = birthCertificateNumber;
        }

        return body;
    }

    /// <summary>A fresh 出生医学证明 number: a lower-case letter (as people type it) and nine random digits.</summary>
    private static string NewBirthCertificateNumber() =>
        "o" + Random.Shared.NextInt64(100_000_000, 1_000_000_000).ToString(CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("sharing", "gansu")]
    [InlineData("proxy", "guangdong")]
    public async Task A_stranger_with_a_childs_id_and_name_gets_a_review_not_the_child(string kind, string region)
    {
        // Given a six-year-old, their parent, and a stranger who knows the child's resident ID and name
        var child = await Child(region, 6 * 366);
        var parent = await Api.Insured(app, region: region);
        var stranger = await Api.Insured(app, region: region);

        // When the stranger opens a request for the child
        var create = await Send.Create(app.As(stranger.Id), Body(child, kind, region));

        // Then the 户口本 pages are asked for, and no face check
        var id = await Send.CreatedId(create);
        var created = await Api.Json(create);
        Assert.Equal(["hukou-home", "hukou-member"], Send.Strings(created["requiredDocuments"]));
        Assert.False(created["faceCheckRequired"]!.GetValue<bool>());

        // When the stranger submits with nothing
        var bare = await Submit(stranger, id);

        // Then it is refused for the missing pages, and nothing is approved
        var problem = await Api.ExpectProblem(bare, HttpStatusCode.UnprocessableEntity, "missing-documents");
        Assert.Equal(["hukou-home", "hukou-member"], Send.Strings(problem["missing"]));
        Assert.Equal("awaiting-documents", await Api.Status(app, stranger, id));

        // When the stranger uploads two pages (of anything) and submits
        await Api.UploadEach(app, stranger, id, Api.HukouPages);
        var submit = await Submit(stranger, id);

        // Then it waits for the city agency's review, also in a region that reviews nothing else, and binds nobody
        await Api.Expect(submit, HttpStatusCode.Accepted);
        Assert.Equal("in-review", await Send.Status(submit));
        Assert.Equal("in-review", await Api.Status(app, stranger, id));
        await Api.Eventually(async () => (await Api.Json(await app.Reviewer(region).GetAsync("/api/review/queue?take=500"))).AsArray()
            .Any(e => e!["id"]!.GetValue<string>() == id), "the request in the region's review queue");
        Assert.Empty(await app.Services.GetRequiredService<RelationshipStore>().Active(child.Id, default));

        // And the real parent is not locked out: their own request opens
        await Api.Expect(await Send.Create(app.As(parent.Id), Body(child, kind, region)), HttpStatusCode.Created);

        // When the reviewer finds the pages do not show the stranger as a parent
        var decision = await app.Reviewer(region).PostAsJsonAsync($"/api/review/bindings/{id}/decision", new { decision = "reject", reason = "户口本 does not list the applicant" });

        // Then the request is rejected
        await Api.Expect(decision, HttpStatusCode.OK);
        Assert.Equal("rejected", await Send.Status(decision));
    }

    [Fact]
    public async Task A_newborn_child_is_proven_by_the_birth_certificate_number_which_reviewers_see_masked_and_storage_holds_sealed()
    {
        // Given a gansu parent and their two-month-old child
        var child = await Child("gansu", 60);
        var parent = await Api.Insured(app, region: "gansu");
        var number = NewBirthCertificateNumber();
        var digits = number[1..];
        var answers = new List<string>();

        // When the parent opens a sharing request with the birth certificate number instead of the 户口本 pages, and submits
        var create = await Send.Create(app.As(parent.Id), Body(child, "sharing", "gansu", number));
        answers.Add(await create.Content.ReadAsStringAsync());
        var id = await Send.CreatedId(create);
        var submit = await Submit(parent, id);
        answers.Add(await submit.Content.ReadAsStringAsync());

        // Then no document is asked for, but the request goes to review
        Assert.Empty(Send.Strings((await Api.Json(create))["requiredDocuments"]));
        await Api.Expect(submit, HttpStatusCode.Accepted);
        Assert.Equal("in-review", await Send.Status(submit));

        // And the reviewer sees that the proof is a birth certificate number, masked
        var review = await app.Reviewer("gansu").GetAsync($"/api/review/bindings/{id}");
        await Api.Expect(review, HttpStatusCode.OK);
        var reviewBody = await review.Content.ReadAsStringAsync();
        answers.Add(reviewBody);
        Assert.Equal("O*******" + number[^2..], JsonNode.Parse(reviewBody)!["birthCertificateNumberMasked"]!.GetValue<string>());
        answers.Add(await (await app.As(parent.Id).GetAsync($"/api/bindings/{id}")).Content.ReadAsStringAsync());
        var audit = await app.Admin().GetAsync($"/api/admin/audit?subject={id}");
        await Api.Expect(audit, HttpStatusCode.OK);
        answers.Add(await audit.Content.ReadAsStringAsync());

        // And the request keeps a sealed copy that opens to the number
        var requested = (await app.Services.GetRequiredService<BindingStreamStore>().Events(id, default))
            .Select(e => e.Event).OfType<BindingRequested>().Single();
        var proof = requested.BirthCertificate!;
        var opened = app.Services.GetRequiredService<ResidentIdProtector>().OpenBirthCertificate(new(proof.SealedKeyId, proof.Sealed));
        Assert.Equal(number.ToUpperInvariant(), opened.Value);

        // And the number is in clear in no answer, no row of the request and no log line
        Assert.All(answers, a => Assert.DoesNotContain(digits, a, StringComparison.Ordinal));
        var tables = app.Services.GetRequiredService<Tables>();
        await foreach (var row in tables.Bindings.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}")))
        {
            Assert.All(row, p => Assert.DoesNotContain(digits, p.Value?.ToString() ?? "", StringComparison.Ordinal));
        }

        await foreach (var row in tables.Audit.QueryAsync<TableEntity>())
        {
            Assert.All(row, p => Assert.DoesNotContain(digits, p.Value?.ToString() ?? "", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(digits, StringComparison.Ordinal));

        // When the reviewer approves, Then the child is bound
        var decision = await app.Reviewer("gansu").PostAsJsonAsync($"/api/review/bindings/{id}/decision", new { decision = "approve" });
        await Api.Expect(decision, HttpStatusCode.OK);
        Assert.Equal("approved", await Send.Status(decision));
    }

    [Theory]
    [InlineData("O12345678")] // eight digits
    [InlineData("O1234567890")] // ten digits
    [InlineData("4401234567")] // no letter
    [InlineData("O44012345X")]
    [InlineData("O４４0123456")] // full-width digits
    [InlineData("")]
    public async Task A_birth_certificate_number_of_another_form_is_400(string number)
    {
        // Given a member nobody looks up (the body is checked first)
        var member = new Person("none", TestIds.Born(Today.AddDays(-30)), "张三", "13912345678");

        // When a request carries a birth certificate number that is not one letter and nine digits
        var response = await Send.Create(app.As("any-applicant"), Body(member, "sharing", "gansu", number));

        // Then it is refused naming the field
        var problem = await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "invalid-birth-certificate-number");
        Assert.Equal("member.birthCertificateNumber", problem["field"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(6 * 366, "child")] // six: the 户口本 pages prove it
    [InlineData(60, "grandchild")] // the certificate names the parents, not the grandparents
    [InlineData(40 * 366, "child")]
    public async Task A_birth_certificate_number_that_proves_nothing_for_the_member_is_refused(int ageInDays, string relation)
    {
        // Given a gansu authorizer and a member who is not their newborn child
        var member = await Child("gansu", ageInDays);
        var authorizer = await Api.Insured(app, region: "gansu");

        // When a request for the member carries a birth certificate number
        var response = await Send.Create(app.As(authorizer.Id), Body(member, "sharing", "gansu", NewBirthCertificateNumber(), relation));

        // Then it is refused, and no request was opened
        await Api.ExpectProblem(response, HttpStatusCode.UnprocessableEntity, "birth-certificate-not-applicable");
        Assert.Empty(await Send.ListedIds(app.As(authorizer.Id)));
    }
}
