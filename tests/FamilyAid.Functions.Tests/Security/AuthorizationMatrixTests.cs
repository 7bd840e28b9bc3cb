using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FamilyAid.Functions.Bindings.FaceCheck;
using FamilyAid.Functions.Tests.Families;
using Xunit.Abstractions;

namespace FamilyAid.Functions.Tests.Security;

/// <summary>Who may call what (OWASP API1/API5), for every endpoint the OpenAPI document lists and every kind
/// of caller: a table kept here, checked cell by cell against the running app. A new endpoint fails this test
/// until someone writes down who may call it.</summary>
[Collection(AppCollection.Name)]
public sealed class AuthorizationMatrixTests(FamilyAidApp app, ITestOutputHelper output)
{
    /// <summary>What a caller gets: stopped with 401, 403 or 404, or let through authorization (any other status below 500).</summary>
    public enum Outcome
    {
        Allowed,
        Unauthorized,
        Forbidden,
        NotFound,
    }

    /// <summary>The table's columns, in order.</summary>
    public enum Who
    {
        Anonymous,

        /// <summary>An insured applicant with no part in the request (nor in any family).</summary>
        Stranger,

        /// <summary>The relative the request would bind (for the family rows: the member of the family).</summary>
        Member,

        /// <summary>The applicant who opened the request (for the family rows: the family's authorizer).</summary>
        Authorizer,

        /// <summary>A reviewer of gansu (the request is guangdong's).</summary>
        OtherReviewer,

        /// <summary>A reviewer of guangdong, the request's region.</summary>
        Reviewer,

        Institution,
        Admin,
    }

    private const Outcome OK = Outcome.Allowed;
    private const Outcome _401 = Outcome.Unauthorized;
    private const Outcome _403 = Outcome.Forbidden;
    private const Outcome _404 = Outcome.NotFound;

    private const string Callback = "POST /api/callbacks/face-check";

    /// <summary>The document type used for <c>{type}</c>.</summary>
    private const string DocumentType = "member-id-front";

    /// <summary>Every endpoint under /api, by "METHOD /api/path" as the OpenAPI document spells it.</summary>
    /// <remarks>From docs/API.md: 401 without a valid token; 403 when the caller may not do this; 404 when the object
    /// does not exist or the caller may not know that it exists (those outside a request).</remarks>
    private static readonly Dictionary<string, Outcome[]> Matrix = new(StringComparer.Ordinal)
    {
        //                                                 anonymous stranger member authorizer other-rev reviewer institution admin
        ["GET /api/health"] =                             [OK,       OK,      OK,    OK,        OK,       OK,      OK,         OK],
        ["POST /api/admin/insured"] =                     [_401,     _403,    _403,  _403,      _403,     _403,    _403,       OK],
        ["GET /api/admin/audit"] =                        [_401,     _403,    _403,  _403,      _403,     _403,    _403,       OK],
        ["POST /api/admin/imports"] =                     [_401,     _403,    _403,  _403,      _403,     _403,    _403,       OK],
        // {id} is a request's, not an import's: the admin passes authorization and finds no such import.
        ["GET /api/admin/imports/{id}"] =                 [_401,     _403,    _403,  _403,      _403,     _403,    _403,       _404],
        // Any insured person may ask (the domain then decides); staff and institutions do not open requests.
        ["POST /api/bindings"] =                          [_401,     OK,      OK,    OK,        _403,     _403,    _403,       _403],
        // The caller's own requests: an empty list for those with none.
        ["GET /api/bindings"] =                           [_401,     OK,      OK,    OK,        OK,       OK,      OK,         OK],
        ["GET /api/bindings/{id}"] =                      [_401,     _404,    OK,    OK,        _404,     OK,      _404,       _404],
        // Commands of the authorizer: the member and the region's reviewer know the request, so 403.
        ["PUT /api/bindings/{id}/documents/{type}"] =     [_401,     _404,    _403,  OK,        _404,     _403,    _404,       _404],
        ["POST /api/bindings/{id}/submit"] =              [_401,     _404,    _403,  OK,        _404,     _403,    _404,       _404],
        ["POST /api/bindings/{id}/cancel"] =              [_401,     _404,    _403,  OK,        _404,     _403,    _404,       _404],
        ["GET /api/review/bindings/{id}"] =               [_401,     _404,    _403,  _403,      _404,     OK,      _404,       _404],
        ["GET /api/review/queue"] =                       [_401,     _403,    _403,  _403,      OK,       OK,      _403,       _403],
        ["POST /api/review/bindings/{id}/decision"] =     [_401,     _404,    _403,  _403,      _404,     OK,      _404,       _404],
        // The member's own face: the authorizer and the reviewer know the request, so 403.
        ["POST /api/bindings/{id}/face-check"] =          [_401,     _404,    OK,    _403,      _404,     _403,    _404,       _404],
        // The caller's own notifications (a reviewer's include the region's shared inbox).
        ["GET /api/notifications"] =                      [_401,     OK,      OK,    OK,        OK,       OK,      OK,         OK],
        // The provider is no bearer caller: its signature is its credential, so a signed callback goes through whatever
        // token comes with it (an unsigned one is 401 for everyone; the fuzz test sends those).
        ["POST /api/callbacks/face-check"] =              [OK,       OK,      OK,    OK,        OK,       OK,      OK,         OK],
        // Families and money, on an approved gansu family (a pool region): {id} is its relationship, or for a refund a
        // settlement the institution column's institution made with the member's payment code. Reviewers of any region
        // have no part in families or money.
        // The stranger is in no group (404); staff and institutions are no family (403).
        ["GET /api/families/mine"] =                      [_401,     _404,    OK,    OK,        _403,     _403,    _403,       _403],
        // The authorizer or that member (204); someone else's relationship does not exist for an applicant.
        ["DELETE /api/relationships/{id}"] =              [_401,     _404,    OK,    OK,        _403,     _403,    _403,       _403],
        // An applicant is let through to the domain: the authorizer transfers (201), the member and the stranger fund
        // no pool (422 no-family-pool).
        ["POST /api/transfers"] =                         [_401,     OK,      OK,    OK,        _403,     _403,    _403,       _403],
        // Naming the family's relationship: its two people get a code, for anyone else it does not exist.
        ["POST /api/payment-codes"] =                     [_401,     _404,    OK,    OK,        _403,     _403,    _403,       _403],
        // Institutions only (a code the member just got).
        ["POST /api/settlements"] =                       [_401,     _403,    _403,  _403,      _403,     _403,    OK,         _403],
        ["POST /api/settlements/{id}/refund"] =           [_401,     _403,    _403,  _403,      _403,     _403,    OK,         _403],
        // The caller's own personal account: every insured applicant has one.
        ["GET /api/accounts/mine/entries"] =              [_401,     OK,      OK,    OK,        _403,     _403,    _403,       _403],
        // Proxy services, on an approved gansu proxy relationship ({personId} is its member): only the proxy acts for
        // the member; to every other applicant, the member included, the person is not there.
        ["GET /api/proxy/{personId}/e-voucher"] =         [_401,     _404,    _404,  OK,        _403,     _403,    _403,       _403],
        ["GET /api/proxy/{personId}/entries"] =           [_401,     _404,    _404,  OK,        _403,     _403,    _403,       _403],
        // The caller's own log: empty for those nobody acts for.
        ["GET /api/me/proxy-actions"] =                   [_401,     OK,      OK,    OK,        _403,     _403,    _403,       _403],
        // Policy is public: anyone, with or without a token, reads a region's versions ({region}: guangdong).
        ["GET /api/policies/{region}"] =                  [OK,       OK,      OK,    OK,        OK,       OK,      OK,         OK],
        // The registry of designated institutions is the admin's ({id}: the request's id, an id like any other).
        ["PUT /api/admin/institutions/{id}"] =            [_401,     _403,    _403,  _403,      _403,     _403,    _403,       OK],
        // Remote-treatment registrations, on one the authorizer filed for themselves (a guangdong person: in review): the
        // person reads and cancels it, a reviewer of guangdong reads and decides it; for anyone else it does not exist.
        ["POST /api/remote-registrations"] =              [_401,     OK,      OK,    OK,        _403,     _403,    _403,       _403],
        ["GET /api/remote-registrations"] =               [_401,     OK,      OK,    OK,        _403,     _403,    _403,       _403],
        ["GET /api/remote-registrations/{id}"] =          [_401,     _404,    _404,  OK,        _404,     OK,      _404,       _404],
        ["DELETE /api/remote-registrations/{id}"] =       [_401,     _404,    _404,  OK,        _404,     _403,    _404,       _404],
        ["GET /api/review/remote-registrations"] =        [_401,     _403,    _403,  _403,      OK,       OK,      _403,       _403],
        ["POST /api/review/remote-registrations/{id}/decision"] = [_401, _403, _403, _403,      _404,     OK,      _403,       _403],
        ["GET /api/review/remote-registrations/{id}"] =   [_401,     _403,    _403,  _403,      _404,     OK,      _403,       _403],
        // The sharer only: the member and a stranger find no relationship of theirs to set a quota on.
        ["PUT /api/relationships/{id}/quota"] =           [_401,     _404,    _404,  OK,        _403,     _403,    _403,       _403],
        // The sharer only, for their relative: to the member and a stranger that person is no relative of theirs.
        ["POST /api/premiums"] =                          [_401,     _404,    _404,  OK,        _403,     _403,    _403,       _403],
        // Institutions only, each its own day (对账): there is no one else's reconciliation to name.
        ["GET /api/institutions/me/reconciliation"] =     [_401,     _403,    _403,  _403,      _403,     _403,    OK,         _403],
    };

    /// <summary>The rows played on an approved proxy relationship.</summary>
    private static readonly HashSet<string> ProxyRows = new(StringComparer.Ordinal)
    {
        "GET /api/proxy/{personId}/e-voucher", "GET /api/proxy/{personId}/entries", "GET /api/me/proxy-actions",
    };

    /// <summary>The rows played on an approved family rather than on a binding request.</summary>
    private static readonly HashSet<string> FamilyRows = new(StringComparer.Ordinal)
    {
        "GET /api/families/mine", "DELETE /api/relationships/{id}", "POST /api/transfers", "POST /api/payment-codes",
        "POST /api/settlements", "POST /api/settlements/{id}/refund", "GET /api/accounts/mine/entries", "PUT /api/relationships/{id}/quota",
        "POST /api/premiums",
    };

    /// <summary>The rows played on a remote-treatment registration.</summary>
    private static readonly HashSet<string> RegistrationRows = new(StringComparer.Ordinal)
    {
        "GET /api/remote-registrations/{id}", "DELETE /api/remote-registrations/{id}", "POST /api/review/remote-registrations/{id}/decision",
        "GET /api/review/remote-registrations/{id}",
    };

    /// <summary>The institution the institution column calls as.</summary>
    private const string InstitutionId = "hospital-1";

    /// <summary>A guangdong request of an adult member; <see cref="SessionId"/> once the member has begun a face check.
    /// For the family rows: an approved gansu family, <see cref="Id"/> its relationship, and <see cref="SettlementId"/>
    /// a settlement the institution column's institution made with the member's code.</summary>
    private sealed record Scene(Person Authorizer, Person Member, string Id, string? SessionId = null, string? SettlementId = null);

    [Fact]
    public async Task Every_answer_of_the_matrix_is_documented_on_its_operation()
    {
        // Given the operations the app documents
        var operations = MatrixOpenApi.Operations(await MatrixOpenApi.Document(app));

        // Then each 401, 403 and 404 that the matrix says a route answers is among the route's documented responses
        var missing = (from operation in operations
                       where Matrix.ContainsKey(operation.Key)
                       from outcome in Matrix[operation.Key].Distinct()
                       let status = outcome switch { _401 => "401", _403 => "403", _404 => "404", _ => null }
                       where status is not null && operation.Operation["responses"]?[status] is null
                       select $"{operation.Key} answers {status} but does not document it").ToList();
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public async Task Every_endpoint_in_the_OpenAPI_document_answers_each_kind_of_caller_as_the_matrix_says()
    {
        // Given the endpoints the app documents, a guangdong request (authorizer and member made by an admin), and a stranger
        var operations = MatrixOpenApi.Operations(await MatrixOpenApi.Document(app));
        var failures = new List<string>();
        failures.AddRange(operations.Where(o => !Matrix.ContainsKey(o.Key))
            .Select(o => $"{o.Key} is in the OpenAPI document but has no row in the authorization matrix: add one."));
        failures.AddRange(Matrix.Keys.Where(k => operations.All(o => o.Key != k))
            .Select(k => $"The matrix has a row for {k}, which the OpenAPI document no longer lists: remove it."));
        failures.AddRange(Matrix.Where(r => r.Value.Length != Enum.GetValues<Who>().Length)
            .Select(r => $"The row for {r.Key} has {r.Value.Length} cells, not one per caller."));
        var shared = await AGuangdongRequest();
        var family = await AFamily();
        var proxy = await AProxy();
        var stranger = await Api.Insured(app);
        Scene? registration = null;

        // When each caller calls each endpoint (a fresh request for every call that could change it)
        var grid = new StringBuilder();
        var checkedCells = 0;
        var checkedEndpoints = 0;
        var unsignedCells = 0;
        foreach (var operation in operations.Where(o => Matrix.TryGetValue(o.Key, out var row) && row.Length == Enum.GetValues<Who>().Length))
        {
            checkedEndpoints++;
            grid.Append(operation.Key.PadRight(45));
            foreach (var who in Enum.GetValues<Who>())
            {
                var scene = (operation.Mutates ? await SceneFor(operation) : null)
                    ?? (RegistrationRows.Contains(operation.Key) ? registration ??= await ARegistration() : FamilyRows.Contains(operation.Key) ? family : ProxyRows.Contains(operation.Key) ? proxy : shared);
                using var client = Client(who, scene, stranger);
                using var request = await Request(operation, scene);
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var problem = Judge(Matrix[operation.Key][(int)who], response, body);
                checkedCells++;
                grid.Append($" {(int)response.StatusCode}{(problem is null ? " " : "✗")}");
                if (problem is not null)
                {
                    failures.Add($"{operation.Key} as {who}: {problem} Answer: {(int)response.StatusCode} {Excerpt(body)}");
                }

                if (operation.Key == Callback)
                {
                    // No bearer token stands in for the provider's signature.
                    using var unsigned = await Request(operation, scene, signed: false);
                    using var refused = await client.SendAsync(unsigned);
                    var refusedBody = await refused.Content.ReadAsStringAsync();
                    unsignedCells++;
                    if (refused.StatusCode != HttpStatusCode.Unauthorized || TryParse(refusedBody)?["code"]?.ToString() != "invalid-signature")
                    {
                        failures.Add($"{operation.Key} unsigned, as {who}: expected 401 invalid-signature. Answer: {(int)refused.StatusCode} {Excerpt(refusedBody)}");
                    }
                }
            }

            grid.AppendLine();
        }

        // Then every cell is as the matrix says
        output.WriteLine($"{"callers:".PadRight(45)} {string.Join(" ", Enum.GetValues<Who>())}");
        output.WriteLine(grid.ToString());
        output.WriteLine($"{checkedEndpoints} endpoints × {Enum.GetValues<Who>().Length} callers = {checkedCells} cells checked "
                         + $"(and {unsignedCells} unsigned face-check callbacks, one per caller, refused).");
        Assert.True(failures.Count == 0, $"{failures.Count} authorization failures:\n" + string.Join("\n", failures));
    }

    /// <summary>Null when the answer is the expected outcome, else why not.</summary>
    private static string? Judge(Outcome expected, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return $"expected {expected}, but the app failed with {status}.";
        }

        var actual = status switch
        {
            401 => Outcome.Unauthorized,
            403 => Outcome.Forbidden,
            404 => Outcome.NotFound,
            _ => Outcome.Allowed,
        };
        if (actual != expected)
        {
            return $"expected {expected}, got {actual}.";
        }

        if (actual == Outcome.Allowed)
        {
            return null;
        }

        // A refusal is a problem with the code docs/API.md gives it.
        var code = actual switch
        {
            Outcome.Unauthorized => "unauthorized",
            Outcome.Forbidden => "forbidden",
            _ => "not-found",
        };
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"a {status} should be application/problem+json, not {response.Content.Headers.ContentType}.";
        }

        var found = TryParse(body)?["code"]?.ToString();
        return found == code ? null : $"a {status} should have code '{code}', not '{found}'.";
    }

    private static JsonNode? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Excerpt(string body) => body.Length <= 300 ? body : body[..300] + "…";

    private async Task<Scene> AGuangdongRequest()
    {
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        return new Scene(authorizer, member, await Api.CreateBinding(app, authorizer, member));
    }

    /// <summary>A fresh request in the state where the allowed caller's call succeeds; null where the shared one will do.</summary>
    private async Task<Scene?> SceneFor(ApiOperation operation)
    {
        switch (operation.Key)
        {
            case "POST /api/review/bindings/{id}/decision":
                return await InReview();
            case "POST /api/bindings/{id}/face-check":
                return await AwaitingFaceCheck();
            case Callback:
                var scene = await AwaitingFaceCheck();
                using (var member = app.As(scene.Member.Id))
                {
                    using var begin = await member.PostAsJsonAsync($"/api/bindings/{scene.Id}/face-check", new { consent = true });
                    await Api.Expect(begin, HttpStatusCode.Created);
                    return scene with { SessionId = (await Api.Json(begin))["sessionId"]!.GetValue<string>() };
                }

            // An end or a refund succeeds once: each caller gets a family (and a settlement) of its own.
            case "DELETE /api/relationships/{id}":
                return await AFamily();
            case "POST /api/settlements/{id}/refund":
                return await ASettlement();
            case "POST /api/premiums":
                // A premium is paid once per person, scheme and year: each caller gets a family of its own.
                return await AFamily();
            case "DELETE /api/remote-registrations/{id}" or "POST /api/review/remote-registrations/{id}/decision":
                return await ARegistration();
            case "POST /api/remote-registrations":
                // Each applicant files once, for themselves, so each filing is its own person's first.
                return null;
            case "POST /api/transfers" or "POST /api/payment-codes" or "POST /api/settlements" or "PUT /api/relationships/{id}/quota":
                // The shared family will do: a transfer, a code or a settlement leaves the next caller's answer as it was.
                return null;
        }

        // A call that succeeds could change what the next caller gets: each caller gets a request of its own.
        return operation.PathParameters.Count > 0 ? await AGuangdongRequest() : null;
    }

    /// <summary>A registration the authorizer (guangdong, so in review) filed for themselves; the member is a bystander.</summary>
    private async Task<Scene> ARegistration()
    {
        var authorizer = await Api.Insured(app);
        using var filer = app.As(authorizer.Id);
        using var filed = await filer.PostAsJsonAsync("/api/remote-registrations", RegistrationBody());
        await Api.Expect(filed, HttpStatusCode.Created);
        return new Scene(authorizer, await Api.Insured(app), (await Api.Json(filed))["id"]!.GetValue<string>());
    }

    // Today at the app's clock, which other tests of the collection may have moved on.
    private object RegistrationBody() => new
    {
        kind = "temporary-other", destination = new { provinceCode = "62", cityCode = "620100" },
        startDate = FamilyAid.Domain.Identity.Age.ChinaDate(app.Clock.GetUtcNow()), proof = "commitment",
    };

    /// <summary>An approved gansu family: an authorizer with 100 000 fen and a sharing child under 16.</summary>
    private async Task<Scene> AFamily()
    {
        var family = await FamilySteps.New(app, "gansu", accountFen: 100_000);
        return new Scene(family.Authorizer, family.Member, family.RelationshipId);
    }

    /// <summary>An approved gansu proxy relationship: the authorizer acts for an adult member.</summary>
    private async Task<Scene> AProxy()
    {
        var proxy = await Proxy.ProxySteps.ProxyForParent(app);
        return new Scene(proxy.Authorizer, proxy.Member, proxy.RelationshipId);
    }

    /// <summary>A family whose member paid a bill at the institution column's institution.</summary>
    private async Task<Scene> ASettlement()
    {
        var scene = await AFamily();
        using var institution = Client(Who.Institution, scene, scene.Authorizer);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/settlements")
        {
            Content = JsonContent.Create(new { paymentCode = await FamilySteps.PaymentCode(app, scene.Member.Id), category = "pharmacy", amountFen = 1_000 }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var settled = await institution.SendAsync(request);
        await Api.Expect(settled, HttpStatusCode.Created);
        return scene with { SettlementId = (await Api.Json(settled))["id"]!.GetValue<string>() };
    }

    private async Task<Scene> InReview()
    {
        var scene = await AGuangdongRequest();
        await Api.UploadAll(app, scene.Authorizer, scene.Id);
        using var authorizer = app.As(scene.Authorizer.Id);
        await Api.Expect(await authorizer.PostAsync($"/api/bindings/{scene.Id}/submit", null), HttpStatusCode.Accepted);
        return scene;
    }

    private async Task<Scene> AwaitingFaceCheck()
    {
        var scene = await InReview();
        using var reviewer = app.Reviewer("guangdong");
        using var approve = await reviewer.PostAsJsonAsync($"/api/review/bindings/{scene.Id}/decision", new { decision = "approve" });
        await Api.Expect(approve, HttpStatusCode.OK);
        Assert.Equal("awaiting-face-check", (await Api.Json(approve))["status"]!.GetValue<string>());
        return scene;
    }

    private HttpClient Client(Who who, Scene scene, Person stranger) => who switch
    {
        Who.Anonymous => app.Anonymous(),
        Who.Stranger => app.As(stranger.Id),
        Who.Member => app.As(scene.Member.Id),
        Who.Authorizer => app.As(scene.Authorizer.Id),
        Who.OtherReviewer => app.Reviewer("gansu"),
        Who.Reviewer => app.Reviewer("guangdong"),
        Who.Institution => app.As("institution-1", "institution", institution: InstitutionId),
        Who.Admin => app.Admin(),
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };

    /// <summary>A request that would succeed for a caller allowed to make it: the request's id for every path and
    /// string query parameter (1 for numbers), <see cref="DocumentType"/> for <c>{type}</c>, the settlement's id for a
    /// refund, a valid body, and an Idempotency-Key where money moves.</summary>
    private async Task<HttpRequestMessage> Request(ApiOperation operation, Scene scene, bool signed = true)
    {
        var path = operation.Fill(name => name == "type" ? DocumentType
            : name == "personId" ? scene.Member.Id
            : name == "region" ? "guangdong"
            : operation.Key == "POST /api/settlements/{id}/refund" ? scene.SettlementId ?? throw new InvalidOperationException("A refund needs a settlement.")
            : scene.Id);
        var query = string.Join("&", operation.QueryParameters.Select(p => $"{p.Name}={Uri.EscapeDataString(QueryValue(operation, p.Name, p.Numeric, scene))}"));
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), query.Length == 0 ? path : $"{path}?{query}")
        {
            Content = await Body(operation, scene),
        };
        if (operation.Key is "POST /api/transfers" or "POST /api/settlements" or "POST /api/premiums")
        {
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        }
        if (operation.Key == Callback && signed)
        {
            // Signed as the provider signs: HMAC over the timestamp (the app's clock) and the raw body.
            var at = app.Clock.GetUtcNow().ToUnixTimeSeconds();
            request.Headers.Add(FaceCheckCallback.TimestampHeader, at.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(FaceCheckCallback.SignatureHeader,
                CallbackSignature.Sign(FamilyAidApp.CallbackSecret, at, await request.Content!.ReadAsByteArrayAsync()));
        }

        return request;
    }

    /// <summary>A query value that a caller allowed to make the request would send.</summary>
    private static string QueryValue(ApiOperation operation, string name, bool numeric, Scene scene) => (operation.Key, name) switch
    {
        // The personal account every insured person has; a before above any sequence, so the page is the newest.
        ("GET /api/accounts/mine/entries", "account") => "personal",
        ("GET /api/accounts/mine/entries", "before") => "1000000",
        ("GET /api/proxy/{personId}/entries", "account") => "personal",
        ("GET /api/proxy/{personId}/entries", "before") => "1000000",
        ("GET /api/institutions/me/reconciliation", "date") => "2026-11-24",
        ("GET /api/institutions/me/reconciliation", "continuationToken") => "0-s",
        _ => numeric ? "1" : scene.Id,
    };

    private async Task<HttpContent?> Body(ApiOperation operation, Scene scene)
    {
        switch (operation.Key)
        {
            case "POST /api/transfers" or "PUT /api/relationships/{id}/quota":
                return JsonContent.Create(new { amountFen = 100 });
            case "POST /api/payment-codes":
                return JsonContent.Create(new { relationshipId = scene.Id });
            case "POST /api/premiums":
                return JsonContent.Create(new
                {
                    forPersonId = scene.Member.Id, scheme = "resident", year = FamilyAid.Domain.Identity.Age.ChinaDate(app.Clock.GetUtcNow()).Year, amountFen = 100,
                });
            case "POST /api/settlements":
                // A fresh code for every caller: codes are single-use.
                return JsonContent.Create(new { paymentCode = await FamilySteps.PaymentCode(app, scene.Member.Id), category = "pharmacy", amountFen = 500 });
            case "POST /api/review/bindings/{id}/decision":
                return JsonContent.Create(new { decision = "approve" });
            case "POST /api/bindings/{id}/face-check":
                return JsonContent.Create(new { consent = true });
            case Callback:
                var content = new ByteArrayContent(Encoding.UTF8.GetBytes($"{{\"sessionId\":\"{scene.SessionId}\",\"result\":\"pass\",\"score\":0.93}}"));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                return content;
            case "POST /api/admin/insured":
                return JsonContent.Create(new
                {
                    residentId = TestIds.Adult(), name = "矩阵测试", phone = "13912345678", insuranceType = "employee",
                    status = "normal", region = "guangdong", personalAccountFen = 1000,
                });
            case "POST /api/remote-registrations":
                return JsonContent.Create(RegistrationBody());
            case "POST /api/review/remote-registrations/{id}/decision":
                return JsonContent.Create(new { decision = "approve" });
            case "PUT /api/admin/institutions/{id}":
                return JsonContent.Create(new { name = "矩阵医院", kind = "hospital", region = "guangdong", cityCode = "440100", designated = true, validFrom = "2026-01-01" });
            case "POST /api/admin/imports":
                var file = new StringContent(PlatformSync.ImportFiles.File(PlatformSync.ImportFiles.Upsert(PlatformSync.ImportFiles.NewPerson(), 1_000)));
                file.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                return file;
            case "POST /api/bindings":
                // A relative nobody has asked for yet, so that the applicant's own standing decides.
                return JsonContent.Create(Api.BindingBody(await Api.Insured(app, insuranceType: "resident")));
        }

        if (operation.BodyMediaTypes.Count == 0)
        {
            return null;
        }

        if (operation.BodyMediaTypes.Contains("image/jpeg"))
        {
            var content = new ByteArrayContent(Api.Jpeg());
            content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            return content;
        }

        throw new InvalidOperationException($"{operation.Key} takes a {string.Join("/", operation.BodyMediaTypes)} body: add a valid one to the matrix test.");
    }
}
