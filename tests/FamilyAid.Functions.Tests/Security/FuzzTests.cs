using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace FamilyAid.Functions.Tests.Security;

/// <summary>Random and mutated requests to every endpoint of the OpenAPI document (OWASP API8): the app never fails
/// with a 5xx, every refusal is a problem with a code and no stack trace, and a refused request changes nothing stored.</summary>
/// <remarks>Replay a failure with <c>FAMILYAID_FUZZ_SEED=&lt;seed&gt;</c> (printed); <c>FAMILYAID_FUZZ_CASES</c> sends more or fewer.</remarks>
public sealed class FuzzTests(FuzzApp app, ITestOutputHelper output) : IClassFixture<FuzzApp>
{
    private const int DefaultCases = 640;
    private const int FailuresShown = 40;

    /// <summary>The in-memory test host's own refusal of a path that decodes to a NUL character, before the app sees
    /// the request (a real server refuses it with 400 at the same point).</summary>
    private const string HostRefusal = "The path contains null characters.";

    private sealed record Answer(int Status, string? MediaType, string Body, bool Replayed, string? Error)
    {
        public bool RefusedByHost => Error == HostRefusal;
    }

    [Fact]
    public async Task Random_and_mutated_requests_never_fail_the_server_and_a_refused_one_changes_nothing()
    {
        var seed = Environment.GetEnvironmentVariable("FAMILYAID_FUZZ_SEED") is { Length: > 0 } s ? int.Parse(s, CultureInfo.InvariantCulture) : Random.Shared.Next();
        var cases = Environment.GetEnvironmentVariable("FAMILYAID_FUZZ_CASES") is { Length: > 0 } c ? int.Parse(c, CultureInfo.InvariantCulture) : DefaultCases;
        output.WriteLine($"Fuzz seed {seed} (replay with FAMILYAID_FUZZ_SEED={seed}); storage prefix {app.Prefix}.");

        // Given the app on its own storage prefix, with guangdong requests awaiting documents, in review and awaiting a face
        // check (with a session), and a gansu one
        var document = await MatrixOpenApi.Document(app);
        var operations = MatrixOpenApi.Operations(document);
        Assert.NotEmpty(operations);
        var world = await World();
        var inputs = new FuzzInputs(new Random(seed), world, document, app.Clock.GetUtcNow());
        var store = app.Store;
        using var client = app.CreateClient();
        var before = await store.Take();
        var tables = before.Items.Keys.Where(k => k.StartsWith("table ", StringComparison.Ordinal)).ToList();
        output.WriteLine($"Watching {tables.Count} tables and the {app.Prefix}documents container: {before.Items.Count} items before fuzzing.");
        Assert.NotEmpty(tables);
        // An ETag on every row, or a refused request that rewrote one in place would go unseen.
        Assert.All(before.Items.Where(i => i.Key.StartsWith("row ", StringComparison.Ordinal)), i => Assert.False(string.IsNullOrEmpty(i.Value), $"{i.Key} has no ETag"));

        // When every endpoint gets its share of random and mutated requests, one at a time
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var perOperation = operations.ToDictionary(o => o.Key, _ => new SortedDictionary<int, int>());
        var replays = 0;
        var refusedByHost = 0;
        var watch = Stopwatch.StartNew();
        for (var n = 1; n <= cases; n++)
        {
            var operation = operations[(n - 1) % operations.Count];
            var request = inputs.Next(n, operation);
            var logsBefore = app.Logs.Lines.Count;
            var answer = await Send(client, request);
            if (answer.RefusedByHost)
            {
                refusedByHost++;
                continue;
            }

            perOperation[operation.Key][answer.Status] = perOperation[operation.Key].GetValueOrDefault(answer.Status) + 1;
            statuses[answer.Status] = statuses.GetValueOrDefault(answer.Status) + 1;
            failures.AddRange(Judge(request, answer).Select(f => $"{request.Describe()}\n    → {f}{Logged(logsBefore, answer)}"));

            // Then a refusal left every table row and blob as it was
            var after = await store.Take();
            if (answer.Status is >= 400 and < 500)
            {
                var changes = after.Since(before);
                if (request.IdempotencyKeys.Count > 0 && changes is [var added] && added.StartsWith($"+ row {app.Prefix}Idempotency ", StringComparison.Ordinal))
                {
                    // docs/API.md ("Idempotency"): refusals decided under a key are replayed too — so a keyed refusal is kept, to be replayed.
                    replays++;
                    var replay = await Send(client, request);
                    var afterReplay = await store.Take();
                    if (replay.Status != answer.Status || replay.Body != answer.Body || !replay.Replayed)
                    {
                        failures.Add($"{request.Describe()}\n    → {answer.Status} stored an idempotency record, but sending it again answered {replay.Status} (replayed: {replay.Replayed}): {Excerpt(replay.Body)}");
                    }

                    if (afterReplay.Since(after) is { Count: > 0 } replayChanges)
                    {
                        failures.Add($"{request.Describe()}\n    → its replay changed the store: {string.Join("; ", replayChanges.Take(10))}");
                    }

                    after = afterReplay;
                }
                else if (changes.Count > 0)
                {
                    failures.Add($"{request.Describe()}\n    → refused with {answer.Status} {Code(answer)}, but changed the store: {string.Join("; ", changes.Take(10))}");
                }
            }

            // What the fuzzing creates is fuzzed too.
            if (operation.Key == "POST /api/bindings" && request.Method == "POST" && answer.Status == 201 && Parse(answer.Body)?["id"]?.GetValue<string>() is { } id)
            {
                world.BindingIds.Add(id);
            }

            if (operation.Key == "POST /api/bindings/{id}/face-check" && request.Method == "POST" && answer.Status == 201 && Parse(answer.Body)?["sessionId"]?.GetValue<string>() is { } session)
            {
                world.SessionIds.Add(session);
            }

            before = after;
        }

        output.WriteLine($"Sent {cases} fuzz cases in {watch.Elapsed.TotalSeconds:F1} s ({refusedByHost} refused by the test host for a NUL in the path; "
                         + $"{replays} idempotent replays sent besides).");
        output.WriteLine("Statuses: " + Histogram(statuses));
        foreach (var (key, counts) in perOperation)
        {
            output.WriteLine($"  {key,-45} {counts.Values.Sum(),4} cases: {Histogram(counts)}");
        }

        output.WriteLine($"Binding requests at the end: {world.BindingIds.Count}; stored items: {before.Items.Count}.");
        Assert.True(failures.Count == 0,
            $"{failures.Count} fuzz failures (seed {seed}; the first {Math.Min(failures.Count, FailuresShown)}):\n" + string.Join("\n", failures.Take(FailuresShown)));
    }

    private static string Histogram(SortedDictionary<int, int> counts) => string.Join(", ", counts.Select(p => $"{p.Key}×{p.Value}"));

    /// <summary>What is wrong with the answer, if anything.</summary>
    private static IEnumerable<string> Judge(FuzzRequest request, Answer answer)
    {
        if (answer.Error is not null)
        {
            yield return $"the request failed without an answer: {answer.Error}";
            yield break;
        }

        if (answer.Status >= 500)
        {
            yield return $"{answer.Status} (no input may yield a 5xx): {Excerpt(answer.Body)}";
        }

        if (answer.Body.Contains("   at ", StringComparison.Ordinal) || answer.Body.Contains("Exception", StringComparison.Ordinal))
        {
            yield return $"{answer.Status} shows a stack trace or exception: {Excerpt(answer.Body)}";
        }

        // A HEAD answer has no body to hold a problem.
        if (answer.Status is >= 400 and < 500 && request.Method != "HEAD")
        {
            if (answer.MediaType != "application/problem+json")
            {
                yield return $"{answer.Status} is {answer.MediaType ?? "without a content type"}, not application/problem+json: {Excerpt(answer.Body)}";
            }
            else if (Parse(answer.Body) is not JsonObject problem)
            {
                yield return $"{answer.Status} is not a JSON object: {Excerpt(answer.Body)}";
            }
            else
            {
                if (problem["code"] is not JsonValue code || !code.TryGetValue<string>(out var text) || text.Length == 0)
                {
                    yield return $"{answer.Status} problem has no code: {Excerpt(answer.Body)}";
                }

                if (problem["status"] is JsonValue status && status.TryGetValue<int>(out var number) && number != answer.Status)
                {
                    yield return $"{answer.Status} problem says status {number}";
                }
            }
        }
    }

    private static async Task<Answer> Send(HttpClient client, FuzzRequest request)
    {
        using var message = request.Message();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            using var response = await client.SendAsync(message, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body,
                response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Contains("true"), null);
        }
        catch (InvalidOperationException e) when (e.Message == HostRefusal)
        {
            return new Answer(0, null, "", false, HostRefusal);
        }
        catch (Exception e)
        {
            return new Answer(0, null, "", false, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>The errors the app logged while answering, which name the exception behind a 5xx.</summary>
    private string Logged(int from, Answer answer) =>
        answer.Status < 500 && answer.Error is null ? "" : string.Concat(app.Logs.Lines.Skip(from)
            .Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal))
            .Take(2).Select(l => $"\n    logged: {Excerpt(l)}"));

    private static string Code(Answer answer) => Parse(answer.Body)?["code"]?.ToString() ?? "(no code)";

    private static JsonNode? Parse(string body)
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

    private static string Excerpt(string text) => text.Length <= 400 ? text : text[..400] + "…";

    private async Task<FuzzWorld> World()
    {
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var reviewed = await Api.Insured(app, insuranceType: "resident");
        var gansuAuthorizer = await Api.Insured(app, region: "gansu");
        var gansuMember = await Api.Insured(app, region: "gansu", insuranceType: "resident");
        var relatives = new List<Person> { member, reviewed, gansuMember };
        for (var i = 0; i < 5; i++)
        {
            relatives.Add(await Api.Insured(app, insuranceType: "resident"));
        }

        var open = await Api.CreateBinding(app, authorizer, member);
        await Api.Expect(await Api.Upload(app.As(authorizer.Id), open, "member-id-front", Api.Jpeg()), HttpStatusCode.Created);
        var inReview = await Api.CreateBinding(app, authorizer, reviewed);
        await Api.UploadAll(app, authorizer, inReview);
        await Api.Expect(await app.As(authorizer.Id).PostAsync($"/api/bindings/{inReview}/submit", null), HttpStatusCode.Accepted);
        var gansu = await Api.CreateBinding(app, gansuAuthorizer, gansuMember, region: "gansu", commitmentConfirmed: true);

        // And a request approved by its reviewer, whose member has begun the face check
        var faceCheckMember = await Api.Insured(app, insuranceType: "resident");
        var faceCheck = await Api.CreateBinding(app, authorizer, faceCheckMember);
        await Api.UploadAll(app, authorizer, faceCheck);
        await Api.Expect(await app.As(authorizer.Id).PostAsync($"/api/bindings/{faceCheck}/submit", null), HttpStatusCode.Accepted);
        await Api.Expect(await app.Reviewer("guangdong").PostAsJsonAsync($"/api/review/bindings/{faceCheck}/decision", new { decision = "approve" }), HttpStatusCode.OK);
        var begin = await app.As(faceCheckMember.Id).PostAsJsonAsync($"/api/bindings/{faceCheck}/face-check", new { consent = true });
        await Api.Expect(begin, HttpStatusCode.Created);
        return new FuzzWorld
        {
            Authorizer = authorizer,
            Member = member,
            Stranger = await Api.Insured(app),
            GansuAuthorizer = gansuAuthorizer,
            FaceCheckMember = faceCheckMember,
            FaceCheckBindingId = faceCheck,
            SessionIds = [(await Api.Json(begin))["sessionId"]!.GetValue<string>()],
            Relatives = relatives,
            BindingIds = [open, inReview, gansu, faceCheck],
        };
    }
}
