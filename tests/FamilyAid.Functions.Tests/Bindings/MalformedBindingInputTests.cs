using System.Text;
using System.Text.Json.Nodes;

namespace FamilyAid.Functions.Tests.Bindings;

/// <summary>No input to <c>POST /api/bindings</c> yields a 5xx: every malformed body is a 4xx problem with a code.</summary>
[Collection(AppCollection.Name)]
public sealed class MalformedBindingInputTests(FamilyAidApp app)
{
    // The body is checked before anyone is looked up, so a made-up caller and member do for the refusals;
    // the first test shows that the same body, unbroken, is accepted for real people.
    private static readonly Person Someone = new("nobody", TestIds.Adult(), "张三", "13912345678");

    private HttpClient Caller() => app.As("malformed-input-caller");

    [Fact]
    public async Task The_unbroken_body_is_accepted()
    {
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");

        var response = await Send.Create(app.As(authorizer.Id), Send.Body(member));

        await Api.Expect(response, HttpStatusCode.Created);
    }

    public static TheoryData<string> BrokenBodies() => new()
    {
        "kind:family",
        "kind:integer",
        "kind:numeric-string",
        "relation:cousin",
        "relation:integer",
        "region:number",
        "member.name:number",
        "member.residentId:number",
        "member.phone:number",
        "member.phone:array",
        "commitmentConfirmed:string",
        "member:null",
        "member:string",
        "kind:null",
        "region:null",
        "missing:kind",
        "missing:region",
        "missing:relation",
        "missing:member",
        "missing:member.residentId",
        "missing:member.name",
        "missing:member.phone",
        "extra:status",
        "extra:member.birthDate",
        "extra:authorizerId",
    };

    [Theory]
    [MemberData(nameof(BrokenBodies))]
    public async Task A_body_of_the_wrong_shape_is_invalid_json(string breakage)
    {
        // Given a valid body broken in one place
        var body = Send.Body(Someone);
        var member = body["member"]!.AsObject();
        switch (breakage)
        {
            case "kind:family": body["kind"] = "family"; break;
            case "kind:integer": body["kind"] = 0; break;
            case "kind:numeric-string": body["kind"] = "1"; break;
            case "relation:cousin": body["relation"] = "cousin"; break;
            case "relation:integer": body["relation"] = 2; break;
            case "region:number": body["region"] = 44; break;
            case "member.name:number": member["name"] = 123; break;
            case "member.residentId:number": member["residentId"] = 110101199001011234; break;
            case "member.phone:number": member["phone"] = 13912345678; break;
            case "member.phone:array": member["phone"] = new JsonArray("13912345678"); break;
            case "commitmentConfirmed:string": body["commitmentConfirmed"] = "true"; break;
            case "member:null": body["member"] = null; break;
            case "member:string": body["member"] = "张三"; break;
            case "kind:null": body["kind"] = null; break;
            case "region:null": body["region"] = null; break;
            case "missing:kind": body.Remove("kind"); break;
            case "missing:region": body.Remove("region"); break;
            case "missing:relation": body.Remove("relation"); break;
            case "missing:member": body.Remove("member"); break;
            case "missing:member.residentId": member.Remove("residentId"); break;
            case "missing:member.name": member.Remove("name"); break;
            case "missing:member.phone": member.Remove("phone"); break;
            case "extra:status": body["status"] = "approved"; break;
            case "extra:member.birthDate": member["birthDate"] = "1990-01-01"; break;
            case "extra:authorizerId": body["authorizerId"] = "someone-else"; break;
            default: throw new ArgumentOutOfRangeException(nameof(breakage), breakage, null);
        }

        // When it is posted
        var response = await Send.Create(Caller(), body);

        // Then it is a 400 problem that does not echo the input
        var problem = await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "invalid-json");
        Assert.DoesNotContain("cousin", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"kind\":\"sharing\",}")]
    [InlineData("{'kind':'sharing'}")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("\"sharing\"")]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_body_that_is_not_a_json_object_is_invalid_json(string json)
    {
        var response = await Send.Json(Caller(), "/api/bindings", json);

        await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "invalid-json");
    }

    [Fact]
    public async Task Deeply_nested_json_is_invalid_json()
    {
        var json = string.Concat(Enumerable.Repeat("{\"member\":", 2000)) + "1" + new string('}', 2000);

        var response = await Send.Json(Caller(), "/api/bindings", json);

        await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "invalid-json");
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_are_invalid_json()
    {
        // Given a body whose member name holds bytes that are not UTF-8
        var json = Encoding.UTF8.GetBytes(Send.Body(Someone with { Name = "@@" }).ToJsonString());
        var at = json.AsSpan().IndexOf("@@"u8);
        json[at] = 0xC3;
        json[at + 1] = 0x28;
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        // When it is posted
        var response = await Send.Bytes(Caller(), "/api/bindings", content);

        // Then it is refused as JSON
        await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "invalid-json");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task A_body_that_is_not_json_is_415(string contentType)
    {
        var response = await Send.Json(Caller(), "/api/bindings", Send.Body(Someone).ToJsonString(), contentType: contentType);

        await Api.ExpectProblem(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task No_body_at_all_is_415()
    {
        var response = await Send.Bytes(Caller(), "/api/bindings", null);

        await Api.ExpectProblem(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task A_body_over_64_KiB_with_its_length_is_413()
    {
        var body = Send.Body(Someone);
        body["member"]!["name"] = new string('a', 65 * 1024);

        var response = await Send.Create(Caller(), body);

        await Api.ExpectProblem(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
    }

    [Fact]
    public async Task A_chunked_body_over_64_KiB_is_413()
    {
        // Given a body with no Content-Length that runs past 64 KiB
        var body = Send.Body(Someone);
        body["member"]!["name"] = new string('a', 65 * 1024);
        var content = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(body.ToJsonString())));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        // When it is posted
        var response = await Send.Bytes(Caller(), "/api/bindings", content);

        // Then reading stops at the limit
        await Api.ExpectProblem(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
    }

    [Fact]
    public async Task A_body_just_under_64_KiB_is_read_and_judged_on_its_content()
    {
        // Given a body that fits, padded with white space
        var json = Send.Body(Someone).ToJsonString();
        json += new string(' ', (64 * 1024) - Encoding.UTF8.GetByteCount(json));

        // When it is posted
        var response = await Send.Json(Caller(), "/api/bindings", json);

        // Then it is not refused for its size (the made-up caller is not insured)
        await Api.ExpectProblem(response, HttpStatusCode.UnprocessableEntity, "authorizer-not-eligible");
    }

    [Theory]
    [InlineData("member.name", 51, "invalid-request")]
    [InlineData("member.phone", 1000, "invalid-request")]
    [InlineData("member.residentId", 1000, "invalid-resident-id")]
    [InlineData("region", 10_000, "unknown-region")]
    public async Task A_string_over_its_limit_is_400(string field, int length, string code)
    {
        var body = Send.Body(Someone);
        var value = field is "member.residentId" or "member.phone" ? new string('1', length) : new string('张', length);
        if (field.StartsWith("member.", StringComparison.Ordinal))
        {
            body["member"]![field["member.".Length..]] = value;
        }
        else
        {
            body[field] = value;
        }

        var response = await Send.Create(Caller(), body);

        var problem = await Api.ExpectProblem(response, HttpStatusCode.BadRequest, code);
        Assert.DoesNotContain(value, problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\\u5f20\\u0000\\u4e09")]
    [InlineData("\\u5f20\\r\\n\\u4e09")]
    [InlineData("\\t\\u5f20\\u4e09")]
    [InlineData("\\u5f20\\u001b[31m")]
    [InlineData("\\u5f20\\u0085")]
    [InlineData("")]
    [InlineData("  ")]
    public async Task A_member_name_with_control_characters_or_nothing_in_it_is_400(string jsonText)
    {
        var body = Send.Body(Someone with { Name = "@@name@@" }).ToJsonString().Replace("@@name@@", jsonText, StringComparison.Ordinal);

        var response = await Send.Json(Caller(), "/api/bindings", body);

        var problem = await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Equal("member.name", problem["field"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("12912345678")]
    [InlineData("1391234567")]
    [InlineData("0201234567")]
    [InlineData("1391234567８")] // a full-width digit
    [InlineData("")]
    public async Task A_member_phone_that_is_not_a_mainland_mobile_is_400(string phone)
    {
        var response = await Send.Create(Caller(), Send.Body(Someone with { Phone = phone }));

        var problem = await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Equal("member.phone", problem["field"]?.GetValue<string>());
    }

    /// <summary>A readable stream that does not tell its length, so the client sends it chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
    }
}
