using System.Text.Json.Nodes;
using FamilyAid.Functions.Tests.Bindings;

namespace FamilyAid.Functions.Tests.Insured;

[Collection(AppCollection.Name)]
public sealed class UpsertInsuredTests(FamilyAidApp app)
{
    private const string Url = "/api/admin/insured";

    private Task<HttpResponseMessage> Upsert(JsonObject body, HttpClient? client = null) =>
        Send.Json(client ?? app.Admin(), Url, body.ToJsonString());

    [Fact]
    public async Task A_new_person_is_created_with_an_id()
    {
        // Given a valid insured record
        var body = Send.InsuredBody(TestIds.Adult());

        // When the admin posts it
        var response = await Upsert(body);

        // Then it is created and has an opaque id
        var id = await Send.CreatedId(response);
        Assert.False(string.IsNullOrWhiteSpace(id));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_same_resident_id_again_updates_that_person_and_returns_the_same_id()
    {
        // Given an authorizer, and a relative registered under one name
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");

        // When the admin posts the relative's resident ID again with another name
        var update = Send.InsuredBody(member.ResidentId, name: "改名后", phone: member.Phone, insuranceType: "resident");
        var response = await Upsert(update);

        // Then it is the same person, and the new name is the one a binding must match
        Assert.Equal(member.Id, await Send.CreatedId(response));
        var withOldName = await app.As(authorizer.Id).PostAsJsonAsync("/api/bindings", Api.BindingBody(member));
        await Api.ExpectProblem(withOldName, HttpStatusCode.UnprocessableEntity, "member-mismatch");
        var withNewName = await app.As(authorizer.Id).PostAsJsonAsync("/api/bindings", Api.BindingBody(member with { Name = "改名后" }));
        await Api.Expect(withNewName, HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_update_of_the_insurance_status_is_what_bindings_see()
    {
        // Given an authorizer whose record is updated to suspended
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var suspend = Send.InsuredBody(authorizer.ResidentId, name: authorizer.Name, phone: authorizer.Phone, status: "suspended");
        Assert.Equal(authorizer.Id, await Send.CreatedId(await Upsert(suspend)));

        // When they ask to share their account
        var response = await app.As(authorizer.Id).PostAsJsonAsync("/api/bindings", Api.BindingBody(member));

        // Then they may no longer authorize
        await Api.ExpectProblem(response, HttpStatusCode.UnprocessableEntity, "authorizer-not-eligible");
    }

    [Fact]
    public async Task A_lower_case_x_check_character_is_the_same_resident_id()
    {
        // Given a person registered with an upper-case X
        var residentId = Send.EndingInX();
        var first = await Send.CreatedId(await Upsert(Send.InsuredBody(residentId)));

        // When the same number comes with a lower-case x
        var second = await Send.CreatedId(await Upsert(Send.InsuredBody(residentId[..17] + "x")));

        // Then it is the same person
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Concurrent_upserts_of_one_resident_id_make_one_person()
    {
        // Given one resident ID posted eight times at once
        var residentId = TestIds.Adult();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Upsert(Send.InsuredBody(residentId))));

        // Then every answer names the same person
        var ids = new List<string>();
        foreach (var response in responses)
        {
            ids.Add(await Send.CreatedId(response));
        }

        Assert.Single(ids.Distinct());
    }

    private static readonly string Valid = Send.WithCheck("11010119900307123");

    public static TheoryData<string> InvalidResidentIds() => new()
    {
        // a wrong check character
        WrongCheck(Valid),
        // a month 13, a 30 February, a year before 1900 (each with the check character their digits need)
        Send.WithCheck("11010119901301123"),
        Send.WithCheck("11010119900230123"),
        Send.WithCheck("11010118991231123"),
        // wrong lengths: 17 characters, 19 characters, an old 15-digit number
        Valid[..17],
        Valid + "1",
        "110101900307123",
        // a letter where a digit belongs, an X that is not last, an empty string
        "11010A19900307123" + Valid[17],
        "X" + Valid[1..],
        "",
    };

    [Fact]
    public async Task The_valid_resident_id_the_invalid_ones_are_made_from_is_accepted()
    {
        // The control for the theory below: the same number unbroken is a valid ID.
        Assert.True(FamilyAid.Domain.Identity.ResidentId.TryParse(Valid, out _));
        await Api.Expect(await Upsert(Send.InsuredBody(Valid)), HttpStatusCode.Created);
    }

    [Theory]
    [MemberData(nameof(InvalidResidentIds))]
    public async Task An_invalid_resident_id_is_refused_without_being_echoed(string residentId)
    {
        // When the admin posts a record with a resident ID that fails GB 11643
        var response = await Upsert(Send.InsuredBody(residentId));

        // Then it is refused as such, and the number is not repeated back
        var problem = await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "invalid-resident-id");
        if (residentId.Length > 0)
        {
            Assert.DoesNotContain(residentId, problem.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_resident_id_born_after_today_in_china_is_refused_and_one_born_today_is_accepted()
    {
        // Given resident IDs born today and tomorrow by the app's clock, in China
        var today = FamilyAid.Domain.Identity.Age.ChinaDate(app.Clock.GetUtcNow());

        // When the admin posts a record for each
        var tomorrow = await Upsert(Send.InsuredBody(TestIds.Born(today.AddDays(1))));
        var todays = await Upsert(Send.InsuredBody(TestIds.Born(today)));

        // Then the one born tomorrow is refused and today's is created
        await Api.ExpectProblem(tomorrow, HttpStatusCode.BadRequest, "invalid-resident-id");
        await Api.Expect(todays, HttpStatusCode.Created);
    }

    // Values are the JSON text between the quotes, escapes included, so that control characters and a lone
    // surrogate reach the app exactly as a client would send them.
    [Theory]
    [InlineData("phone", "12912345678")] // second digit 2
    [InlineData("phone", "1391234567")] // 10 digits
    [InlineData("phone", "139123456789")] // 12 digits
    [InlineData("phone", "+8613912345678")]
    [InlineData("phone", "1391234567a")]
    [InlineData("phone", "")]
    [InlineData("name", "")]
    [InlineData("name", "   ")]
    [InlineData("name", "\\u5f20\\u0000\\u4e09")]
    [InlineData("name", "\\u5f20\\n\\u4e09")]
    [InlineData("name", "\\u5f20\\u0007")]
    [InlineData("name", "\\u5f20\\u009f")]
    public async Task An_invalid_field_is_refused_with_the_field_named(string field, string jsonText)
    {
        // Given a valid record with one field broken
        var residentId = TestIds.Adult();
        var body = Send.InsuredBody(residentId);
        body[field] = "@@value@@";

        // When the admin posts it
        var response = await Send.Json(app.Admin(), Url, body.ToJsonString().Replace("@@value@@", jsonText, StringComparison.Ordinal));

        // Then it is a 400 naming the field, and nobody was created under that resident ID
        var problem = await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Equal(field, problem["field"]?.GetValue<string>());
        await ExpectNotRegistered(residentId);
    }

    [Fact]
    public async Task A_name_with_an_unpaired_surrogate_is_invalid_json()
    {
        var body = Send.InsuredBody(TestIds.Adult(), name: "@@name@@").ToJsonString().Replace("@@name@@", "\\ud800\\u4e09", StringComparison.Ordinal);

        var response = await Send.Json(app.Admin(), Url, body);

        await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "invalid-json");
    }

    [Fact]
    public async Task A_name_longer_than_50_characters_is_refused_and_50_is_accepted()
    {
        var tooLong = await Upsert(Send.InsuredBody(TestIds.Adult(), name: new string('张', 51)));
        var longest = await Upsert(Send.InsuredBody(TestIds.Adult(), name: new string('张', 50)));

        Assert.Equal("name", (await Api.ExpectProblem(tooLong, HttpStatusCode.BadRequest, "invalid-request"))["field"]?.GetValue<string>());
        await Api.Expect(longest, HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("atlantis")]
    [InlineData("Guangdong")]
    [InlineData("")]
    public async Task An_unknown_region_is_refused(string region)
    {
        var residentId = TestIds.Adult();
        var response = await Upsert(Send.InsuredBody(residentId, region: region));

        await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "unknown-region");
        await ExpectNotRegistered(residentId);
    }

    [Fact]
    public async Task A_region_of_ten_thousand_characters_is_refused()
    {
        var response = await Upsert(Send.InsuredBody(TestIds.Adult(), region: new string('g', 10_000)));

        await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "unknown-region");
    }

    [Fact]
    public async Task A_negative_personal_account_is_refused_and_zero_is_accepted()
    {
        // When the admin posts -1 fen, then 0 fen
        var residentId = TestIds.Adult();
        var negative = await Upsert(Send.InsuredBody(residentId, personalAccountFen: -1));
        var problem = await Api.ExpectProblem(negative, HttpStatusCode.BadRequest, "invalid-request");

        // Then -1 is refused naming the field and creates nobody; 0 is a valid balance
        Assert.Equal("personalAccountFen", problem["field"]?.GetValue<string>());
        await ExpectNotRegistered(residentId);
        await Api.Expect(await Upsert(Send.InsuredBody(TestIds.Adult(), personalAccountFen: 0)), HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("insuranceType", "\"self-paid\"")]
    [InlineData("insuranceType", "0")]
    [InlineData("status", "\"active\"")]
    [InlineData("personalAccountFen", "\"100\"")]
    [InlineData("personalAccountFen", "1.5")]
    [InlineData("personalAccountFen", "1e30")]
    [InlineData("personalAccountFen", "99999999999999999999")]
    [InlineData("name", "123")]
    [InlineData("name", "null")]
    [InlineData("residentId", "110101199001011234")]
    [InlineData("region", "[\"guangdong\"]")]
    public async Task A_member_of_the_wrong_type_or_value_is_invalid_json(string field, string rawValue)
    {
        var body = Send.InsuredBody(TestIds.Adult());
        body[field] = JsonNode.Parse(rawValue);

        var response = await Upsert(body);

        await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "invalid-json");
    }

    [Theory]
    [InlineData("residentId")]
    [InlineData("name")]
    [InlineData("phone")]
    [InlineData("insuranceType")]
    [InlineData("status")]
    [InlineData("region")]
    [InlineData("personalAccountFen")]
    public async Task A_missing_member_is_invalid_json(string field)
    {
        var body = Send.InsuredBody(TestIds.Adult());
        body.Remove(field);

        var response = await Upsert(body);

        await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "invalid-json");
    }

    [Fact]
    public async Task An_unknown_extra_member_is_invalid_json()
    {
        var body = Send.InsuredBody(TestIds.Adult());
        body["isAdmin"] = true;

        await Api.ExpectProblem(await Upsert(body), HttpStatusCode.BadRequest, "invalid-json");
    }

    [Theory]
    [InlineData("{\"residentId\":")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("")]
    public async Task A_body_that_is_not_a_json_object_is_invalid_json(string json)
    {
        var response = await Send.Json(app.Admin(), Url, json);

        await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "invalid-json");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_json_is_415(string contentType)
    {
        var response = await Send.Json(app.Admin(), Url, Send.InsuredBody(TestIds.Adult()).ToJsonString(), contentType: contentType);

        await Api.ExpectProblem(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task A_body_without_a_content_type_is_415()
    {
        var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(Send.InsuredBody(TestIds.Adult()).ToJsonString()));

        var response = await Send.Bytes(app.Admin(), Url, content);

        await Api.ExpectProblem(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_413()
    {
        var body = Send.InsuredBody(TestIds.Adult());
        body["name"] = new string('a', 70 * 1024);

        var response = await Upsert(body);

        await Api.ExpectProblem(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("reviewer", "guangdong", null)]
    [InlineData("institution", null, "hospital-1")]
    public async Task Callers_other_than_an_admin_are_forbidden(string? role, string? region, string? institution)
    {
        // Given an applicant (no role), a reviewer and an institution
        var residentId = TestIds.Adult();
        var client = app.As("not-an-admin", role, region, institution);

        // When they post an insured record
        var response = await Upsert(Send.InsuredBody(residentId), client);

        // Then they are refused, and nothing was written
        await Api.ExpectProblem(response, HttpStatusCode.Forbidden, "forbidden");
        await ExpectNotRegistered(residentId);
    }

    [Fact]
    public async Task An_anonymous_caller_is_401()
    {
        var response = await Upsert(Send.InsuredBody(TestIds.Adult()), app.Anonymous());

        await Api.ExpectProblem(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<FamilyAidApp, Lazy<Task<Person>>> Authorizers = new();

    /// <summary>Nobody has this resident ID: a sharing request for it finds no insured member.</summary>
    private async Task ExpectNotRegistered(string residentId)
    {
        // A request refused as member-not-insured changes nothing, so one authorizer serves every check.
        var authorizer = await Authorizers.GetOrAdd(app, a => new Lazy<Task<Person>>(() => Api.Insured(a))).Value;
        var ghost = new Person("none", residentId, "张三", "13912345678");
        var response = await app.As(authorizer.Id).PostAsJsonAsync("/api/bindings", Api.BindingBody(ghost));
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            // The ID is not even valid: it cannot have been stored.
            await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "invalid-resident-id");
            return;
        }

        await Api.ExpectProblem(response, HttpStatusCode.UnprocessableEntity, "member-not-insured");
    }

    private static string WrongCheck(string residentId)
    {
        const string checks = "0123456789X";
        var wrong = checks[(checks.IndexOf(residentId[17], StringComparison.Ordinal) + 1) % checks.Length];
        return residentId[..17] + wrong;
    }
}
