using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FamilyAid.Domain.Identity;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Bindings.FaceCheck;
using FamilyAid.Functions.Hosting;

namespace FamilyAid.Functions.Tests.Security;

/// <summary>One fuzz request, kept as its parts so that it can be sent again (to check an idempotent replay).</summary>
public sealed record FuzzRequest(
    int Number, string Operation, string Method, string Url, string Caller, string? Authorization,
    IReadOnlyList<string> IdempotencyKeys, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[]? Body, string? ContentType, string Mutation)
{
    public HttpRequestMessage Message()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Url);
        if (Authorization is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", Authorization);
        }

        foreach (var key in IdempotencyKeys)
        {
            message.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        return message;
    }

    /// <summary>Enough to see what was sent and to find it again with the seed.</summary>
    public string Describe()
    {
        var body = Body is null ? "no body"
            : Body.Length > 240 ? $"{Body.Length} bytes: {Printable(Body.AsSpan(0, 240))}…"
            : $"{Body.Length} bytes: {Printable(Body)}";
        var keys = IdempotencyKeys.Count == 0 ? "" : $" Idempotency-Key: [{string.Join(" | ", IdempotencyKeys.Select(k => Cut(k, 60)))}]";
        var headers = string.Concat(Headers.Select(h => $" {h.Key}: {Cut(h.Value, 80)}"));
        return $"#{Number} [{Operation}; {Mutation}] {Method} {Cut(Url, 240)} as {Caller}{keys}{headers}; Content-Type: {ContentType ?? "(none)"}; {body}";
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : $"{text[..max]}…({text.Length} chars)";

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return builder.ToString();
    }
}

/// <summary>What the fuzz test's set-up made: people, binding requests, and the tokens of every kind of caller.</summary>
public sealed class FuzzWorld
{
    public required Person Authorizer { get; init; }

    public required Person Member { get; init; }

    public required Person Stranger { get; init; }

    public required Person GansuAuthorizer { get; init; }

    /// <summary>The member of <see cref="FaceCheckBindingId"/>, a request awaiting the member's face check.</summary>
    public required Person FaceCheckMember { get; init; }

    public required string FaceCheckBindingId { get; init; }

    /// <summary>Face-check sessions that exist; grows with every session the fuzzing opens.</summary>
    public required List<string> SessionIds { get; init; }

    public required IReadOnlyList<Person> Relatives { get; init; }

    /// <summary>Ids of binding requests that exist; grows with every request the fuzzing creates.</summary>
    public required List<string> BindingIds { get; init; }

    public IEnumerable<Person> People => new[] { Authorizer, Member, Stranger, GansuAuthorizer, FaceCheckMember }.Concat(Relatives);
}

/// <summary>Random and mutated requests for the operations of the OpenAPI document, all drawn from one seeded <see cref="Random"/>.</summary>
/// <remarks><paramref name="appNow"/> is the app's (fake, fixed) clock, which signed callbacks must be near.</remarks>
public sealed class FuzzInputs(Random random, FuzzWorld world, JsonObject document, DateTimeOffset appNow)
{
    private const string Callback = "POST /api/callbacks/face-check";

    private static readonly AuthSettings Auth = new(null, FamilyAidApp.SigningKey, [], "familyaid", "familyaid");

    private static readonly string[] DocumentTypes =
        ["authorizer-id-front", "authorizer-id-back", "member-id-front", "member-id-back", "hukou-home", "hukou-member", "commitment-letter"];

    private static readonly string[] Relations =
        ["spouse", "parent", "child", "sibling", "grandparent", "maternal-grandparent", "grandchild", "maternal-grandchild"];

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz",
        "application/json; charset=utf-16", "APPLICATION/JSON", "application/jsonp", "application/problem+json", "image/jpeg",
        "image/png", "application/pdf", "application/octet-stream", "*/*", "invalid", "", ";", "application/json; charset=\u00e9",
        "image/jpeg; q=0.5, text/html", "text/html",
    ];

    /// <summary>Path segments in place of an id or a document type (URL text: some are escaped, some are not).</summary>
    private static readonly string[] OddSegments =
    [
        "..", ".", "%2e%2e", "%2E%2E%2F%2E%2E", "..%2f..%2fadmin%2finsured", "%00", "abc%00def", "%", "%zz", "%25", "%20", "+", "~",
        "*", "'", "%27%20or%20%271%27%3D%271", "PartitionKey%20eq%20%27x%27", "header", "e-0000000001", "b-x", "open-x", "null",
        "undefined", "-1", "0", "NaN", "true", "[]", "%7B%7D", "<script>", "%3Cscript%3E", "请求", "🙂", "\u202Eabc", "ａｂｃ", "İ",
        "%C0%AE%C0%AE", "%F0%9F%99%82", "%FF%FE", "a;b", "a,b", "a=b", "con", ".git", "%0d%0a", "%09", "\\..\\", "MEMBER-ID-FRONT",
        "member-id-front%00", "member_id_front", new string('a', 64), new string('a', 65), new string('9', 1000), new string('x', 8000),
    ];

    private static readonly string[] OddQueries =
    [
        "?", "?&", "?=", "?a", "?a=1&a=2", "?subject=%00", "?take=-1", "?take=0", "?take=501", "?take=abc", "?take=1e3",
        "?take=99999999999999999999", "?take=1.5", "?take=%201", "?take=%2B1", "?subject[]=x", "?subject=a&subject=b",
        "?take=1&take=2", "?%zz=%zz", "?__proto__=1", "?subject=请求", "?subject=%27%20or%20%271%27%3D%271", "?subject=..%2F..",
        "?subject=" + new string('s', 5000), "?" + new string('a', 5000), "?subject=x#fragment", "?subject=%E0%A4%A",
    ];

    private static readonly string[] OddStrings =
    [
        "\u0000abc", "a\u0001b\u001f\u007f", "\u0085\u2028\u2029", "𠀀𠀁𠀂", "\u202Egnp.exe", "e\u0301\u0301\u0301", "\uFEFF", "Z\u0364\u0351\u0313",
        "１３９１２３４５６７８", "🙂🙂🙂", "\u00A0", "Ω≈ç√", "\uFFFF", "ﷺ", "ǅ", "", " ", "  guangdong  ", "GUANGDONG", "guangdong\u0000",
        "Sharing", "sharing,proxy", "1", "0", "true", "null", "<script>alert(1)</script>", "' or '1'='1", "${jndi:ldap://x}", "{{7*7}}",
        "../../etc/passwd", "%00", "\\", "\"", "北京市朝阳区", "ئۇيغۇرچە", "ཀཁག",
    ];

    /// <summary>Raw JSON values (not all of them valid JSON) spliced in where a value goes.</summary>
    private static readonly string[] RawValues =
    [
        "-1", "0", "-0", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e308", "1e309", "-1e400", "1.5",
        "0.0000001", "123456789012345678901234567890", "1E2", "0x10", "NaN", "Infinity", "-", "01", "\"\\ud800\"", "\"\\udfff\\ud800\"",
        "\"\\u0000\"", "\"a\\u0000b\"", "undefined", "'single'", "[1,]", "{\"a\":1,}", "True", "nul",
    ];

    /// <summary>Non-ASCII as it is (UTF-8) or escaped (\uXXXX); control characters and lone surrogates are escaped either way.</summary>
    private static readonly JsonSerializerOptions RawUnicode = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private int marker;

    public FuzzRequest Next(int number, ApiOperation operation)
    {
        var method = Chance(0.06) ? Pick(Methods) : operation.Method;
        var (caller, authorization) = Caller(operation);
        var url = Path(operation) + Query(operation);
        var keys = IdempotencyKeys();
        var (body, contentType, mutation) = Body(operation);
        var (headers, signature) = operation.Key == Callback ? Signature(body ?? []) : ([], "");
        return new FuzzRequest(number, operation.Key, method, url, caller, authorization, keys, headers, body, contentType,
            (method == operation.Method ? mutation : $"method {method}; {mutation}") + signature);
    }

    // ---- callers ---------------------------------------------------------------------------------------

    private (string Label, string? Authorization) Caller(ApiOperation operation)
    {
        // Half the time the caller the operation is for, so that mutated input reaches the code behind the checks.
        if (Chance(0.5))
        {
            return operation.Path.StartsWith("/api/admin/", StringComparison.Ordinal) ? Token("admin", "admin-1", "--role", "admin")
                : operation.Path.StartsWith("/api/review/", StringComparison.Ordinal) ? Token("reviewer guangdong", "reviewer-guangdong", "--role", "reviewer", "--region", "guangdong")
                : operation.Path.StartsWith("/api/callbacks/", StringComparison.Ordinal) ? ("anonymous", null)
                : operation.Path.Contains("/face-check", StringComparison.Ordinal) ? Token("face-check member", world.FaceCheckMember.Id)
                : Token("authorizer", world.Authorizer.Id);
        }

        return random.Next(100) switch
        {
            < 16 => Token("authorizer", world.Authorizer.Id),
            < 20 => Token("face-check member", world.FaceCheckMember.Id),
            < 28 => Token("member", world.Member.Id),
            < 36 => Token("stranger", world.Stranger.Id),
            < 40 => Token("gansu authorizer", world.GansuAuthorizer.Id),
            < 52 => Token("admin", "admin-1", "--role", "admin"),
            < 60 => Token("reviewer guangdong", "reviewer-guangdong", "--role", "reviewer", "--region", "guangdong"),
            < 64 => Token("reviewer gansu", "reviewer-gansu", "--role", "reviewer", "--region", "gansu"),
            < 68 => Token("institution", "institution-1", "--role", "institution", "--institution", "hospital-1"),
            < 76 => ("anonymous", null),
            _ => JunkAuthorization(),
        };
    }

    private static (string, string?) Token(string label, string sub, params string[] claims) =>
        (label, "Bearer " + TokenCommand.Mint(Auth, ["--sub", sub, .. claims], DateTimeOffset.UtcNow));

    private (string, string?) JunkAuthorization()
    {
        var valid = TokenCommand.Mint(Auth, ["--sub", world.Authorizer.Id], DateTimeOffset.UtcNow);
        return random.Next(14) switch
        {
            0 => ("junk token", "Bearer " + Convert.ToBase64String(Bytes(random.Next(1, 200)))),
            1 => ("empty bearer", "Bearer "),
            2 => ("basic auth", "Basic dXNlcjpwYXNz"),
            3 => ("token signed with another key", "Bearer " + TokenCommand.Mint(
                Auth with { SigningKey = "another-signing-key-that-is-long-enough-9876543210" }, ["--sub", world.Authorizer.Id], DateTimeOffset.UtcNow)),
            4 => ("expired token", "Bearer " + TokenCommand.Mint(Auth, ["--sub", world.Authorizer.Id], DateTimeOffset.UtcNow.AddHours(-3))),
            5 => ("role root", "Bearer " + TokenCommand.Mint(Auth, ["--sub", world.Authorizer.Id, "--role", "root"], DateTimeOffset.UtcNow)),
            6 => ("reviewer without region", "Bearer " + TokenCommand.Mint(Auth, ["--sub", "reviewer-x", "--role", "reviewer"], DateTimeOffset.UtcNow)),
            7 => ("institution without id", "Bearer " + TokenCommand.Mint(Auth, ["--sub", "institution-x", "--role", "institution"], DateTimeOffset.UtcNow)),
            8 => ("sub of 200 characters", "Bearer " + TokenCommand.Mint(Auth, ["--sub", new string('s', 200)], DateTimeOffset.UtcNow)),
            9 => ("tampered signature", "Bearer " + valid[..^2] + (valid[^2] == 'A' ? "BB" : "AA")),
            10 => ("alg none", "Bearer " + Unsigned(world.Authorizer.Id)),
            11 => ("token twice", $"Bearer {valid} {valid}"),
            12 => ("not yet valid token", "Bearer " + TokenCommand.Mint(Auth, ["--sub", world.Authorizer.Id], DateTimeOffset.UtcNow.AddHours(2))),
            _ => ("scheme only", "Bearer"),
        };
    }

    private static string Unsigned(string sub)
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return $"{Part("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{Part($"{{\"sub\":\"{sub}\",\"iss\":\"familyaid\",\"aud\":\"familyaid\",\"exp\":{exp}}}")}.";
    }

    // ---- URL ---------------------------------------------------------------------------------------------

    private string Path(ApiOperation operation) => operation.Fill(name => Chance(0.3) ? OddSegment() : name switch
    {
        "type" => Pick(DocumentTypes),
        _ when operation.Path.Contains("/face-check", StringComparison.Ordinal) && Chance(0.5) => world.FaceCheckBindingId,
        _ => Pick(world.BindingIds),
    });

    private string OddSegment() => random.Next(4) switch
    {
        0 => Uri.EscapeDataString(RandomText(random.Next(1, 80))),
        1 => RandomAscii(random.Next(1, 100)),
        _ => Pick(OddSegments),
    };

    private string Query(ApiOperation operation)
    {
        if (Chance(0.2))
        {
            return Pick(OddQueries);
        }

        var parts = operation.QueryParameters
            .Where(_ => Chance(0.85))
            .Select(p => $"{p.Name}={(p.Numeric ? Number() : Chance(0.7) ? Pick(world.BindingIds) : Uri.EscapeDataString(Pick(OddStrings)))}")
            .ToList();
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    private string Number() => random.Next(6) switch
    {
        0 => "-1",
        1 => "0",
        2 => random.Next(1, 501).ToString(CultureInfo.InvariantCulture),
        3 => "2147483648",
        _ => random.Next(1, 50).ToString(CultureInfo.InvariantCulture),
    };

    // ---- headers -----------------------------------------------------------------------------------------

    private static readonly string[] KeyPool = ["fuzz-key-1", "fuzz-key-2", "fuzz-key-3"];

    private List<string> IdempotencyKeys()
    {
        if (!Chance(0.3))
        {
            return [];
        }

        return random.Next(9) switch
        {
            0 or 1 => [Pick(KeyPool)],
            2 => [RandomAscii(random.Next(1, 256))],
            3 => [new string('k', 255)],
            4 => [new string('k', random.Next(256, 2000))],
            5 => [""],
            6 => ["键" + random.Next(100)],
            7 => ["a\u0001b\tc"],
            _ => [Pick(KeyPool), RandomAscii(10)],
        };
    }

    // ---- bodies ------------------------------------------------------------------------------------------

    private (byte[]? Body, string? ContentType, string Mutation) Body(ApiOperation operation)
    {
        var media = operation.BodyMediaTypes;
        if (media.Contains("application/json"))
        {
            return Json(operation);
        }

        if (media.Count > 0)
        {
            return Document();
        }

        // An operation that takes no body, sent one now and then anyway.
        return Chance(0.8) ? (null, null, "no body") : (Bytes(random.Next(0, 300)), Pick(ContentTypes), "unexpected body");
    }

    private (byte[]?, string?, string) Json(ApiOperation operation)
    {
        var sample = Sample(operation);
        var contentType = Chance(0.85) ? Pick(["application/json", "application/json; charset=utf-8"]) : Pick(ContentTypes);
        var (text, mutation) = random.Next(100) switch
        {
            < 10 => (Text(sample), "valid body"),
            < 58 => MutatedJson(sample),
            < 66 => (Truncate(Text(sample)), "truncated JSON"),
            < 72 => (Encoding.Latin1.GetString(Bytes(random.Next(0, 500))), "random bytes"),
            < 80 => NotAnObject(sample),
            < 88 => Huge(sample),
            _ => (Text(sample), "valid body"),
        };
        var bytes = mutation == "random bytes" ? Encoding.Latin1.GetBytes(text) : Encoding.UTF8.GetBytes(text);
        if (mutation == "not an object: UTF-16")
        {
            bytes = Encoding.Unicode.GetBytes(Text(sample));
        }

        return (bytes, contentType, mutation + (contentType.StartsWith("application/json", StringComparison.Ordinal) ? "" : "; wrong content type"));
    }

    private (byte[]?, string?, string) Document()
    {
        var limit = (int)FamilyAidApp.DocumentLimit;
        var contentType = Chance(0.6) ? Pick(["image/jpeg", "image/png", "application/pdf"]) : Chance(0.2) ? null : Pick(ContentTypes);
        var (bytes, mutation) = random.Next(100) switch
        {
            < 30 => (Signed([0xFF, 0xD8, 0xFF], random.Next(3, 2000)), "JPEG"),
            < 38 => (Signed([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], random.Next(8, 2000)), "PNG"),
            < 44 => (Signed("%PDF-"u8.ToArray(), random.Next(5, 2000)), "PDF"),
            < 60 => (Bytes(random.Next(1, 3000)), "random bytes"),
            < 66 => ([], "empty"),
            < 76 => (Signed([0xFF, 0xD8, 0xFF], limit + random.Next(1, 20_000)), "JPEG over the limit"),
            < 80 => (Signed([0xFF, 0xD8, 0xFF], limit), "JPEG at the limit"),
            < 86 => (Signed([0xFF, 0xD8], 2), "truncated signature"),
            < 92 => ("{\"document\":\"x\"}"u8.ToArray(), "JSON"),
            _ => (Signed("GIF89a"u8.ToArray(), random.Next(6, 500)), "GIF"),
        };
        return (bytes, contentType, mutation);
    }

    /// <summary>A valid body for the operation: hand-written where the app's rules need real data, else from the schema.</summary>
    private JsonObject Sample(ApiOperation operation) => operation.Key switch
    {
        "POST /api/admin/insured" => new JsonObject
        {
            ["residentId"] = Chance(0.2) ? Pick(world.People.ToList()).ResidentId : ResidentIdNumber(),
            ["name"] = "模糊" + random.Next(10_000),
            ["phone"] = Phone(),
            ["insuranceType"] = Pick(["employee", "resident"]),
            ["status"] = Chance(0.8) ? "normal" : "suspended",
            ["region"] = Pick(["guangdong", "guangdong", "gansu", "national"]),
            ["personalAccountFen"] = random.NextInt64(0, 10_000_000),
        },
        "POST /api/bindings" => BindingSample(),
        "POST /api/review/bindings/{id}/decision" => Chance(0.3)
            ? new JsonObject { ["decision"] = Pick(["approve", "reject", "verify-offline"]) }
            : new JsonObject { ["decision"] = Pick(["approve", "reject", "verify-offline"]), ["reason"] = Pick(["材料齐全", "户口本不清晰", "柜台核验本人"]) },
        "POST /api/bindings/{id}/face-check" => new JsonObject { ["consent"] = Chance(0.85) },
        Callback => new JsonObject
        {
            ["sessionId"] = Chance(0.8) ? Pick(world.SessionIds) : "fc-" + RandomAscii(random.Next(1, 40)),
            ["result"] = Pick(["pass", "fail"]),
            ["score"] = Math.Round(random.NextDouble(), 3),
        },
        _ => (FromSchema(operation.JsonBodySchema, 0) as JsonObject) ?? [],
    };

    /// <summary>The provider's signature headers over the body as sent: mostly valid, else missing, stale, or wrong.</summary>
    private (List<KeyValuePair<string, string>>, string) Signature(byte[] body)
    {
        var now = appNow.ToUnixTimeSeconds();
        string Seconds(long at) => at.ToString(CultureInfo.InvariantCulture);
        List<KeyValuePair<string, string>> Signed(long at, string secret, byte[] signedBody) =>
            [new(FaceCheckCallback.TimestampHeader, Seconds(at)), new(FaceCheckCallback.SignatureHeader, CallbackSignature.Sign(secret, at, signedBody))];
        return random.Next(100) switch
        {
            < 65 => (Signed(now + random.Next(-290, 291), FamilyAidApp.CallbackSecret, body), ""),
            < 68 => ([], "; unsigned"),
            < 71 => ([new(FaceCheckCallback.TimestampHeader, Seconds(now))], "; no signature"),
            < 74 => ([new(FaceCheckCallback.SignatureHeader, CallbackSignature.Sign(FamilyAidApp.CallbackSecret, now, body))], "; no timestamp"),
            < 77 => (Signed(now - 301 - random.Next(100_000), FamilyAidApp.CallbackSecret, body), "; stale"),
            < 80 => (Signed(now + 301 + random.Next(100_000), FamilyAidApp.CallbackSecret, body), "; from the future"),
            < 83 => (Signed(now, "another-callback-secret-0123456789", body), "; wrong secret"),
            < 86 => (Signed(now, FamilyAidApp.CallbackSecret, [.. body, (byte)' ']), "; signature of another body"),
            < 88 => ([new(FaceCheckCallback.TimestampHeader, Seconds(now)), new(FaceCheckCallback.SignatureHeader, "sha256=" + Convert.ToHexStringLower(Bytes(32)))], "; random signature"),
            < 90 => ([new(FaceCheckCallback.TimestampHeader, Seconds(now)), new(FaceCheckCallback.SignatureHeader, CallbackSignature.Sign(FamilyAidApp.CallbackSecret, now, body).ToUpperInvariant())], "; upper-case signature"),
            < 93 => ([new(FaceCheckCallback.TimestampHeader, Pick(["abc", "-1", "", " 1", "1.5", "99999999999999999999", "9223372036854775807", "0x10", "１２３"])),
                new(FaceCheckCallback.SignatureHeader, CallbackSignature.Sign(FamilyAidApp.CallbackSecret, now, body))], "; odd timestamp"),
            < 96 => ([new(FaceCheckCallback.TimestampHeader, Seconds(now)), new(FaceCheckCallback.SignatureHeader, Pick(["", "sha256=", "sha1=abc", "sha256=zz", new string('a', 5000), "sha256=" + new string('0', 64)]))], "; odd signature"),
            _ => ([.. Signed(now, FamilyAidApp.CallbackSecret, body), .. Signed(now - 1, FamilyAidApp.CallbackSecret, body)], "; headers twice"),
        };
    }

    private JsonObject BindingSample()
    {
        var member = Chance(0.8) ? Pick(world.Relatives) : Pick(world.People.ToList());
        var usual = Chance(0.6);
        return new JsonObject
        {
            ["kind"] = usual || Chance(0.5) ? "sharing" : "proxy",
            ["region"] = usual ? "guangdong" : Pick(["guangdong", "gansu", "national"]),
            ["relation"] = usual ? "child" : Pick(Relations),
            ["member"] = new JsonObject
            {
                ["residentId"] = Chance(0.9) ? member.ResidentId : ResidentIdNumber(),
                ["name"] = Chance(0.9) ? member.Name : "别人",
                ["phone"] = member.Phone,
            },
            ["commitmentConfirmed"] = Chance(0.5),
        };
    }

    private JsonNode? FromSchema(JsonNode? schema, int depth)
    {
        if (schema is null || depth > 8)
        {
            return null;
        }

        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            return FromSchema(document["components"]?["schemas"]?[reference.Split('/')[^1]], depth + 1);
        }

        if (schema["enum"] is JsonArray values && values.Count > 0)
        {
            return values[random.Next(values.Count)]?.DeepClone();
        }

        var type = schema["type"] switch
        {
            JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
            JsonValue one => one.GetValue<string>(),
            _ => schema["properties"] is not null ? "object" : null,
        };
        return type switch
        {
            "object" => new JsonObject((schema["properties"]?.AsObject() ?? [])
                .Select(p => KeyValuePair.Create(p.Key, FromSchema(p.Value, depth + 1)))),
            "array" => new JsonArray(FromSchema(schema["items"], depth + 1)),
            "integer" or "number" => JsonValue.Create(1),
            "boolean" => JsonValue.Create(false),
            "string" when schema["format"]?.GetValue<string>() == "date-time" => JsonValue.Create("2026-11-24T02:00:00Z"),
            "string" => JsonValue.Create("x"),
            _ => null,
        };
    }

    // ---- JSON mutations ----------------------------------------------------------------------------------

    private (string, string) MutatedJson(JsonObject sample)
    {
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        var applied = new List<string>();
        for (var i = 0; i < random.Next(1, 4); i++)
        {
            applied.Add(Mutate(sample, raw));
        }

        var text = Text(sample);
        foreach (var (placeholder, value) in raw)
        {
            text = text.Replace($"\"{placeholder}\"", value, StringComparison.Ordinal);
        }

        if (Chance(0.1) && sample.Count > 0)
        {
            // A duplicate member, which a strict reader might take either way.
            var name = sample.ElementAt(random.Next(sample.Count)).Key;
            text = "{" + $"\"{name}\":{Pick(["\"x\"", "1", "null", "{}"])}," + text[1..];
            applied.Add($"duplicate {name}");
        }

        return (text, string.Join(", ", applied));
    }

    /// <summary>Changes one value, member or element somewhere in the tree; says what it did.</summary>
    private string Mutate(JsonObject root, Dictionary<string, string> raw)
    {
        var slots = new List<(JsonNode Parent, string? Name, int Index, string Path)>();
        Collect(root, "$", slots);
        if (slots.Count == 0)
        {
            root["extra"] = 1;
            return "extra member";
        }

        var (parent, name, index, path) = slots[random.Next(slots.Count)];
        JsonNode? value;
        string what;
        switch (random.Next(13))
        {
            case 0:
                value = Pick<JsonNode?>([JsonValue.Create("str"), JsonValue.Create(0), JsonValue.Create(true), new JsonObject(), new JsonArray(), new JsonArray(1, 2), new JsonObject { ["a"] = 1 }])?.DeepClone();
                what = "type swapped";
                break;
            case 1:
                value = new string(Pick(['A', '请', 'é']), Chance(0.5) ? 100_000 : random.Next(51, 30_000));
                what = "huge string";
                break;
            case 2:
                value = Pick(["\u0000abc", "a\u0001b", "\u001f\u007f", "line\nbreak", "tab\there", "\u0085"]);
                what = "control characters";
                break;
            case 3:
                value = Pick(OddStrings);
                what = "odd string";
                break;
            case 4:
                value = Raw(raw, Pick(RawValues));
                what = "raw number or token";
                break;
            case 5:
                value = null;
                what = "null";
                break;
            case 6:
                Remove(parent, name, index);
                return $"missing {path}";
            case 7:
                var target = parent as JsonObject ?? root;
                var extra = Pick(["extra", "__proto__", "$type", "constructor", "", "residentid", "Kind", "id", "status"]);
                target[extra] = Pick<JsonNode?>([JsonValue.Create(1), new JsonObject(), JsonValue.Create("System.IO.FileInfo"), null])?.DeepClone();
                return $"extra member {extra}";
            case 8:
                var depth = Pick([65, 200, 5_000]);
                value = Raw(raw, Chance(0.5) ? new string('[', depth) + new string(']', depth) : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));
                what = $"nested {depth} deep";
                break;
            case 9:
                value = new JsonArray(Get(parent, name, index)?.DeepClone());
                what = "array for value";
                break;
            case 10:
                value = Get(parent, name, index) is JsonObject o ? new JsonArray(o.Select(p => p.Value?.DeepClone()).ToArray()) : new JsonObject { ["value"] = Get(parent, name, index)?.DeepClone() };
                what = "object/array swapped";
                break;
            case 11:
                value = Get(parent, name, index) is JsonValue v && v.TryGetValue<string>(out var s) ? s.ToUpperInvariant() + " " : -1;
                what = "case and space";
                break;
            default:
                value = Get(parent, name, index) is JsonValue n && n.TryGetValue<long>(out var number) ? -number : random.NextInt64(long.MinValue, long.MaxValue);
                what = "negative or huge number";
                break;
        }

        Set(parent, name, index, value);
        return $"{what} at {path}";
    }

    private static void Collect(JsonNode node, string path, List<(JsonNode, string?, int, string)> slots)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o.ToList())
                {
                    slots.Add((o, name, -1, $"{path}.{name}"));
                    if (child is not null)
                    {
                        Collect(child, $"{path}.{name}", slots);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    slots.Add((a, null, i, $"{path}[{i}]"));
                    if (a[i] is { } child)
                    {
                        Collect(child, $"{path}[{i}]", slots);
                    }
                }

                break;
        }
    }

    private static JsonNode? Get(JsonNode parent, string? name, int index) => name is not null ? parent[name] : parent[index];

    private static void Set(JsonNode parent, string? name, int index, JsonNode? value)
    {
        if (name is not null)
        {
            parent[name] = value;
        }
        else
        {
            parent[index] = value;
        }
    }

    private static void Remove(JsonNode parent, string? name, int index)
    {
        if (name is not null)
        {
            parent.AsObject().Remove(name);
        }
        else
        {
            parent.AsArray().RemoveAt(index);
        }
    }

    private JsonValue Raw(Dictionary<string, string> raw, string value)
    {
        var placeholder = $"@@raw{marker++}@@";
        raw[placeholder] = value;
        return JsonValue.Create(placeholder);
    }

    private string Truncate(string json) => json.Length < 2 ? "" : json[..random.Next(1, json.Length - 1)];

    private (string, string) NotAnObject(JsonObject sample) => random.Next(10) switch
    {
        0 => ("null", "not an object: null"),
        1 => ("[]", "not an object: []"),
        2 => ($"[{Text(sample)}]", "not an object: array of the body"),
        3 => ("\"text\"", "not an object: string"),
        4 => ("1", "not an object: number"),
        5 => ("", "not an object: empty"),
        6 => ("{}", "not an object: {}"),
        7 => ("   \n\t ", "not an object: whitespace"),
        8 => ("\uFEFF" + Text(sample), "not an object: BOM"),
        _ => ("", "not an object: UTF-16"),
    };

    private (string, string) Huge(JsonObject sample)
    {
        var copy = sample.DeepClone().AsObject();
        var name = copy.Count > 0 ? copy.ElementAt(random.Next(copy.Count)).Key : "extra";
        var length = Chance(0.5) ? 100_000 : random.Next(60_000, 66_000);
        copy[name] = new string(Chance(0.5) ? 'A' : '请', length);
        return (Text(copy), $"{length}-character {name}");
    }

    // ---- primitives --------------------------------------------------------------------------------------

    private string Text(JsonNode node) => node.ToJsonString(Chance(0.5) ? RawUnicode : null);

    private bool Chance(double p) => random.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private byte[] Signed(byte[] signature, int length)
    {
        var bytes = Bytes(Math.Max(length, signature.Length));
        signature.CopyTo(bytes, 0);
        return bytes;
    }

    private string RandomAscii(int length) =>
        new(Enumerable.Range(0, length).Select(_ => (char)random.Next(0x21, 0x7F)).ToArray());

    private string RandomText(int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(random.Next(4) switch
            {
                0 => (char)random.Next(0x20, 0x7F),
                1 => (char)random.Next(0x4E00, 0x9FFF),
                2 => (char)random.Next(0x80, 0x2FFF),
                _ => (char)random.Next(0x01, 0x20),
            });
        }

        return builder.ToString();
    }

    private string Phone() => "13" + random.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);

    private string ResidentIdNumber()
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(random.Next(0, 365 * 70));
        var first17 = random.Next(110000, 660000).ToString(CultureInfo.InvariantCulture) + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture)
            + random.Next(0, 1000).ToString("D3", CultureInfo.InvariantCulture);
        return first17 + ResidentId.CheckCharacterFor(first17);
    }
}
