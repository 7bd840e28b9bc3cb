using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Storage;
using FamilyAid.Functions.Triggers;
using FamilyAid.Functions.Bindings.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Workflow;

/// <summary>An app as it runs under the Functions host: its own runner is off (<c>Triggers:Local=false</c>), and the
/// host invokes the queue and timer functions through the custom-handler protocol.</summary>
public class HostedApp : PrivateApp
{
    protected override void Adjust(Dictionary<string, string?> settings)
    {
        base.Adjust(settings);
        settings["Triggers:Local"] = "false";
    }
}

/// <summary>The custom-handler invocation protocol: <c>POST /{FunctionName}</c> with <c>{"Data":{...},"Metadata":{...}}</c>.</summary>
public sealed class TriggerInvocationTests(HostedApp app) : IClassFixture<HostedApp>
{
    private const string Done = """{"Outputs":{},"Logs":[],"ReturnValue":null}""";

    [Fact]
    public async Task A_queue_message_posted_as_the_host_does_performs_its_effect_and_answers_the_invocation_result()
    {
        // Given a request cancelled by a process that died before doing its effects, whose rows the sweep sent to the queue
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var id = await Api.CreateBinding(app, authorizer, member);
        await DiedAfterCommit(app, id, new Domain.Bindings.CancelBinding());
        var messages = await Take(app, id);
        Assert.Equal(3, messages.Count);
        var release = JsonSerializer.Serialize(new EffectMessage(id, "o-0000000002-001"), Json.Options);
        Assert.Contains(release, messages);

        // When the host posts the release of the open-request guard, the message text as the trigger's value
        var response = await Invoke(app, "BindingEffects", Payload(JsonValue.Create(release)));

        // Then the effect is done, and its outbox row with it (the others wait for their own delivery)
        await Api.Expect(response, HttpStatusCode.OK);
        Assert.Null(await app.Services.GetRequiredService<FamilyAid.Functions.Bindings.PersonBindingIndex>()
            .GuardOf(authorizer.Id, member.Id, BindingKind.Sharing, CancellationToken.None));
        Assert.Equal(["remove-from-review-queue", "notify"], await OutboxRows(app, id));

        // And the answer is the protocol's result, as documented (Outputs, Logs, ReturnValue)
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        AssertInvocationResult(JsonNode.Parse(body)!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Done), JsonNode.Parse(body)), $"expected {Done}, got {body}");
    }

    [Fact]
    public async Task The_message_may_come_as_a_json_object()
    {
        // Given a request submitted for review by a process that died before its effects, whose add-to-review-queue
        // message the host hands over parsed (the text is JSON)
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var id = await Api.CreateBinding(app, authorizer, member);
        await Api.UploadAll(app, authorizer, id);
        await DiedAfterCommit(app, id, new Domain.Bindings.SubmitBinding(BirthDate(member)));
        var messages = await Take(app, id);
        Assert.Equal(2, messages.Count);

        // When the host posts them as objects
        foreach (var message in messages)
        {
            await Api.Expect(await Invoke(app, "BindingEffects", Payload(JsonNode.Parse(message))), HttpStatusCode.OK);
        }

        // Then the request is in the guangdong queue
        var queue = (await Api.Json(await app.Reviewer("guangdong").GetAsync("/api/review/queue"))).AsArray();
        Assert.Contains(queue, e => e!["id"]!.GetValue<string>() == id);
    }

    [Theory]
    [InlineData("""{"Metadata":{"DequeueCount":1}}""")]
    [InlineData("""{"Data":null,"Metadata":{"DequeueCount":1}}""")]
    [InlineData("""{"Data":{},"Metadata":{"DequeueCount":1}}""")]
    [InlineData("not json")]
    [InlineData("")]
    public async Task A_payload_without_a_message_is_a_bad_request(string payload)
    {
        foreach (var function in new[] { "BindingEffects", "BindingEffectsPoison" })
        {
            var response = await Invoke(app, function, payload);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_forged_activation_message_changes_nothing_and_is_logged_at_warning()
    {
        // Given an insured person, a stranger, and a request of the stranger's for them that is only awaiting documents
        var victim = await Api.Insured(app, insuranceType: "resident");
        var stranger = await Api.Insured(app);
        var id = await Api.CreateBinding(app, stranger, victim);
        Assert.Empty(await Take(app, id));

        // When someone posts activate-relationship messages, in the shape older builds sent and as a bare pointer to a
        // row that does not exist, and a pointer to the request's real (already done) first row
        var forged = new ActivateRelationship(id, stranger.Id, victim.Id, BindingKind.Sharing, Relation.Spouse, "guangdong", app.Clock.GetUtcNow());
        string[] messages =
        [
            JsonSerializer.Serialize(new { bindingId = id, outboxKey = "o-0000000002-000", name = forged.Name, data = BindingEffectCodec.Serialize(forged) }),
            JsonSerializer.Serialize(new EffectMessage(id, "o-0000000009-000"), Json.Options),
            JsonSerializer.Serialize(new EffectMessage(id, "o-0000000001-000"), Json.Options),
            JsonSerializer.Serialize(new EffectMessage("../x", "header"), Json.Options),
            "hello",
        ];
        foreach (var message in messages)
        {
            await Api.Expect(await Invoke(app, "BindingEffects", Payload(JsonValue.Create(message))), HttpStatusCode.OK);
            await Api.Expect(await Invoke(app, "BindingEffectsPoison", Payload(JsonValue.Create(message))), HttpStatusCode.OK);
        }

        // Then nobody is bound, the request is as it was, and each message was logged at Warning
        Assert.Equal(0, await WorkflowSteps.ActiveRelationships(app, victim));
        Assert.Equal(HttpStatusCode.NotFound, (await app.As(stranger.Id).GetAsync("/api/families/mine")).StatusCode);
        Assert.Equal(["requested"], await WorkflowSteps.Timeline(app, stranger, id));
        Assert.Equal("awaiting-documents", await Api.Status(app, stranger, id));
        Assert.True(app.Logs.Lines.Count(l => l.StartsWith("Warning ", StringComparison.Ordinal) && (l.Contains("points to no pending effect", StringComparison.Ordinal)
            || l.Contains("not an effect pointer", StringComparison.Ordinal))) >= messages.Length * 2);
    }

    [Fact]
    public async Task A_failing_effect_answers_a_server_error_so_that_the_host_retries_it()
    {
        // Given a request with a pending outbox row the activity cannot do (its stored effect does not decode)
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var id = await Api.CreateBinding(app, authorizer, member);
        await DiedAfterCommit(app, id, new Domain.Bindings.CancelBinding());
        var message = JsonSerializer.Serialize(new EffectMessage(id, "o-0000000002-000"), Json.Options);
        Assert.Contains(message, await Take(app, id));
        await app.Services.GetRequiredService<Tables>().Bindings.UpdateEntityAsync(
            new TableEntity(id, "o-0000000002-000") { ["Data"] = "not json" }, Azure.ETag.All, TableUpdateMode.Merge);

        // When the host posts its pointer
        var response = await Invoke(app, "BindingEffects", Payload(JsonValue.Create(message)));

        // Then it is a failed run (5xx), with a problem that shows no internals, and the row waits for the retry
        Assert.True((int)response.StatusCode >= 500, $"expected 5xx, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(3, (await OutboxRows(app, id)).Count);
    }

    [Fact]
    public async Task The_invocation_routes_are_not_in_the_openapi_document_and_not_under_api()
    {
        var paths = (await Api.Json(await app.Anonymous().GetAsync("/api/openapi.json")))["paths"]!.AsObject().Select(p => p.Key).ToList();
        var functions = app.Services.GetServices<IQueueFunction>().Select(f => f.Name)
            .Concat(app.Services.GetServices<ITimerFunction>().Select(f => f.Name))
            .Concat(app.Services.GetServices<IBlobFunction>().Select(f => f.Name)).ToList();
        Assert.Equal(
            ["BindingEffects", "BindingEffectsPoison", "ExpireRemoteRegistrations", "FinishRelationshipEnds", "FireTimers", "ImportDropped", "RecoverMovements", "RunImport", "SweepOutbox", "SweepPaymentCodes"],
            functions.Order(StringComparer.Ordinal));

        Assert.NotEmpty(paths);
        Assert.All(paths, p => Assert.StartsWith("/api/", p, StringComparison.Ordinal));
        Assert.All(functions, f => Assert.DoesNotContain(paths, p => p.Contains(f, StringComparison.OrdinalIgnoreCase)));

        // And the Functions host's invocation path is /{Name}, not /api/{Name}
        Assert.Equal(HttpStatusCode.NotFound, (await app.Admin().PostAsync("/api/FireTimers", null)).StatusCode);
    }

    [Fact]
    public async Task A_request_expires_through_the_host_path_alone()
    {
        // Given a request (no local runner: its timer is set by the request itself, and nothing waits on the queue)
        await using var hosted = new HostedApp();
        var authorizer = await Api.Insured(hosted);
        var member = await Api.Insured(hosted, insuranceType: "resident");
        var id = await Api.CreateBinding(hosted, authorizer, member);
        Assert.Equal(0, await PlayHost(hosted));
        var due = FamilyAidApp.Start + TimeSpan.FromDays(7);
        Assert.True(await WorkflowSteps.HasTimer(hosted, id, due));

        // When seven days pass and the host runs the timer function
        hosted.Clock.Advance(TimeSpan.FromDays(7));
        var fired = await Invoke(hosted, "FireTimers", """{"Data":{"timer":{"Schedule":{},"IsPastDue":false}},"Metadata":{}}""");

        // Then it is expired and the member is free at once; once the host delivers the notification the authorizer is told
        await Api.Expect(fired, HttpStatusCode.OK);
        AssertInvocationResult(await Api.Json(fired));
        Assert.Equal(["requested", "expired"], await WorkflowSteps.Timeline(hosted, authorizer, id));
        Assert.Null(await hosted.Services.GetRequiredService<FamilyAid.Functions.Bindings.PersonBindingIndex>()
            .GuardOf(authorizer.Id, member.Id, BindingKind.Sharing, CancellationToken.None));
        Assert.False(await WorkflowSteps.Notified(hosted, hosted.As(authorizer.Id), id, "expired"), "nothing is delivered without the host");
        Assert.Equal(1, await PlayHost(hosted));
        Assert.True(await WorkflowSteps.Notified(hosted, hosted.As(authorizer.Id), id, "expired"));
        await Api.CreateBinding(hosted, authorizer, member);
    }

    [Fact]
    public async Task The_host_runs_the_outbox_sweep_for_rows_a_crash_left_behind()
    {
        // Given a cancellation committed by a process that died before sending its outbox rows
        await using var hosted = new HostedApp();
        var authorizer = await Api.Insured(hosted);
        var member = await Api.Insured(hosted, insuranceType: "resident");
        var id = await Api.CreateBinding(hosted, authorizer, member);
        await PlayHost(hosted);
        var streams = hosted.Services.GetRequiredService<BindingStreamStore>();
        var decider = hosted.Services.GetRequiredService<BindingDecider>();
        await streams.Execute(id, null, s => decider.Decide(s, new Domain.Bindings.CancelBinding(), hosted.Clock.GetUtcNow()), CancellationToken.None);
        var pending = await OutboxRows(hosted, id);
        Assert.Equal(["remove-from-review-queue", "release-open-request", "notify"], pending);

        // When the host runs the sweep while the rows are young, they are left alone
        await Api.Expect(await Invoke(hosted, "SweepOutbox", """{"Data":{"timer":{}},"Metadata":{}}"""), HttpStatusCode.OK);
        Assert.Equal(pending, await OutboxRows(hosted, id));

        // When it runs again once they are older than the sweep age
        hosted.Clock.Advance(BindingOutbox.SweepAge);
        var swept = await Invoke(hosted, "SweepOutbox", """{"Data":{"timer":{}},"Metadata":{}}""");

        // Then they are on the queue, and delivered they free the member and tell them, each row going as it is done
        await Api.Expect(swept, HttpStatusCode.OK);
        AssertInvocationResult(await Api.Json(swept));
        Assert.Equal(pending, await OutboxRows(hosted, id));
        Assert.Equal(3, await PlayHost(hosted));
        Assert.Empty(await OutboxRows(hosted, id));
        Assert.True(await WorkflowSteps.Notified(hosted, hosted.As(member.Id), id, "cancelled"));
        await WorkflowSteps.GuardReleased(hosted, authorizer, member);
    }

    [Fact]
    public async Task The_poison_function_records_the_failure_once_even_when_its_message_is_delivered_twice()
    {
        // Given a request (in an app of its own, whose clock this test moves) cancelled by a process that died before its
        // effects, whose two storage effects the host has done and whose notification failed every try
        await using var app = new HostedApp();
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var id = await Api.CreateBinding(app, authorizer, member);
        await DiedAfterCommit(app, id, new Domain.Bindings.CancelBinding());
        var messages = await Take(app, id);
        var message = JsonSerializer.Serialize(new EffectMessage(id, "o-0000000002-002"), Json.Options);
        foreach (var done in messages.Where(m => m != message))
        {
            await Api.Expect(await Invoke(app, "BindingEffects", Payload(JsonValue.Create(done))), HttpStatusCode.OK);
        }

        // When the host delivers it from the poison queue, and (at least once) again
        await Api.Expect(await Invoke(app, "BindingEffectsPoison", Payload(JsonValue.Create(message))), HttpStatusCode.OK);
        Assert.Equal(["requested", "cancelled", "effect-failed"], await WorkflowSteps.Timeline(app, authorizer, id));
        await Api.Expect(await Invoke(app, "BindingEffectsPoison", Payload(JsonValue.Create(message), dequeueCount: 2)), HttpStatusCode.OK);

        // Then the timeline shows the failure once, and its row stays for operators but is no longer sent by the sweep
        Assert.Equal(["requested", "cancelled", "effect-failed"], await WorkflowSteps.Timeline(app, authorizer, id));
        Assert.Single(await OutboxRows(app, id));
        app.Clock.Advance(BindingOutbox.ResendAfter + BindingOutbox.SweepAge);
        Assert.Equal(0, await app.Services.GetRequiredService<BindingOutbox>().Sweep(CancellationToken.None));
    }

    // The host reads the result with Newtonsoft, whose property matching ignores case; the exact documented casing is
    // checked by the first test of this class.
    private static void AssertInvocationResult(JsonNode body)
    {
        var result = body.AsObject().ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value);
        Assert.Equal(["logs", "outputs", "returnvalue"], result.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(result["outputs"]!.AsObject());
        Assert.Empty(result["logs"]!.AsArray());
        Assert.Null(result["returnvalue"]);
    }

    /// <summary>Commits <paramref name="command"/> as a process that died before doing its effects leaves it: the outbox
    /// rows stay, and each is sent to the queue as the sweep sends them (the effects a live process does itself).</summary>
    private static async Task DiedAfterCommit(HostedApp app, string bindingId, BindingCommand command)
    {
        var decider = app.Services.GetRequiredService<BindingDecider>();
        var committed = await app.Services.GetRequiredService<BindingStreamStore>().Execute(
            bindingId, null, s => decider.Decide(s, command, app.Clock.GetUtcNow()), CancellationToken.None);
        Assert.NotEmpty(committed.Outbox);
        await app.Services.GetRequiredService<BindingOutbox>().Dispatch(committed.Outbox.Select(p => p.Message), CancellationToken.None);
    }

    private static DateOnly BirthDate(Person person) =>
        DateOnly.ParseExact(person.ResidentId[6..14], "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Takes (receives and deletes) every message of one request from the effects queue, as text.</summary>
    internal static async Task<List<string>> Take(HostedApp app, string bindingId)
    {
        var queue = app.Services.GetRequiredService<Queues>().Effects;
        var taken = new List<string>();
        foreach (var m in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value)
        {
            if (EffectMessage.Parse(m.Body.ToString())?.BindingId == bindingId)
            {
                taken.Add(m.Body.ToString());
                await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
            }
            else
            {
                await queue.UpdateMessageAsync(m.MessageId, m.PopReceipt, visibilityTimeout: TimeSpan.Zero);
            }
        }

        return taken;
    }

    private static string Payload(JsonNode? message, int dequeueCount = 1) => new JsonObject
    {
        ["Data"] = new JsonObject { ["message"] = message },
        ["Metadata"] = new JsonObject { ["DequeueCount"] = dequeueCount, ["Id"] = Guid.NewGuid().ToString() },
    }.ToJsonString();

    private static async Task<HttpResponseMessage> Invoke(HostedApp app, string function, string payload)
    {
        using var content = new StringContent(payload, Encoding.UTF8, "application/json");
        return await app.Anonymous().PostAsync("/" + function, content);
    }

    /// <summary>Plays the Functions host: delivers every message on the app's effects queue to <c>POST /BindingEffects</c>,
    /// deleting it when the run succeeds; returns how many were delivered.</summary>
    internal static async Task<int> PlayHost(HostedApp app)
    {
        var queue = app.Services.GetRequiredService<Queues>().Effects;
        var delivered = 0;
        while (true)
        {
            var messages = (await queue.ReceiveMessagesAsync(16, TimeSpan.FromSeconds(30))).Value;
            if (messages.Length == 0)
            {
                return delivered;
            }

            foreach (var m in messages)
            {
                var response = await Invoke(app, "BindingEffects", Payload(JsonValue.Create(m.Body.ToString()), (int)m.DequeueCount));
                await Api.Expect(response, HttpStatusCode.OK);
                await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
                delivered++;
            }
        }
    }

    internal static async Task<List<string>> OutboxRows(HostedApp app, string bindingId)
    {
        var tables = app.Services.GetRequiredService<Tables>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {bindingId} and RowKey ge {Keys.OutboxPrefix} and RowKey lt {Keys.PrefixEnd(Keys.OutboxPrefix)}");
        var names = new List<string>();
        await foreach (var row in tables.Bindings.QueryAsync<TableEntity>(filter))
        {
            names.Add(row.GetString("Name")!);
        }

        return names;
    }
}
