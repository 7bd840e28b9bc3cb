using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Storage;
using FamilyAid.Functions.Triggers;
using FamilyAid.Functions.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Workflow;

/// <summary>An app as it runs under the Functions host: its own runner is off (<c>Triggers:Local=false</c>), and the
/// host invokes the queue and timer functions through the custom-handler protocol.</summary>
public sealed class HostedApp : PrivateApp
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
        // Given a schedule-timer effect as the outbox sends it
        var id = NewId();
        var due = app.Clock.GetUtcNow() + TimeSpan.FromDays(2);
        var message = Message(id, new ScheduleTimer(id, due));

        // When the host posts it, the message text as the trigger's value
        var response = await Invoke(app, "BindingEffects", Payload(JsonValue.Create(message)));

        // Then the effect is done
        await Api.Expect(response, HttpStatusCode.OK);
        Assert.True(await WorkflowSteps.HasTimer(app, id, due));

        // And the answer is the protocol's result, as documented (Outputs, Logs, ReturnValue)
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        AssertInvocationResult(JsonNode.Parse(body)!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Done), JsonNode.Parse(body)), $"expected {Done}, got {body}");
    }

    [Fact]
    public async Task The_message_may_come_as_a_json_object()
    {
        // Given an add-to-review-queue effect, which the host hands over parsed (the message text is JSON)
        var id = NewId();
        var submitted = app.Clock.GetUtcNow();
        var message = Message(id, new AddToReviewQueue(id, "guangdong", BindingKind.Sharing, Relation.Child, submitted, submitted + TimeSpan.FromDays(1)));

        // When the host posts it as an object
        var response = await Invoke(app, "BindingEffects", Payload(JsonNode.Parse(message)));

        // Then the request is in the guangdong queue
        await Api.Expect(response, HttpStatusCode.OK);
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

    [Theory]
    [InlineData("teleport", "{}")]
    [InlineData("schedule-timer", "{}")]
    [InlineData("schedule-timer", "not json")]
    public async Task A_failing_function_answers_a_server_error_so_that_the_host_retries_it(string effect, string data)
    {
        // Given a message the activity cannot do (an effect nobody knows, or one whose data does not fit)
        var message = JsonSerializer.Serialize(new EffectMessage(NewId(), "o-0000000001-000", effect, data), Json.Options);

        // When the host posts it
        var response = await Invoke(app, "BindingEffects", Payload(JsonValue.Create(message)));

        // Then it is a failed run (5xx), with a problem that shows no internals
        Assert.True((int)response.StatusCode >= 500, $"expected 5xx, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_that_is_not_an_effect_message_fails_the_run()
    {
        var response = await Invoke(app, "BindingEffects", Payload(JsonValue.Create("hello")));

        Assert.True((int)response.StatusCode >= 500, $"expected 5xx, got {(int)response.StatusCode}");
    }

    [Fact]
    public async Task The_invocation_routes_are_not_in_the_openapi_document_and_not_under_api()
    {
        var paths = (await Api.Json(await app.Anonymous().GetAsync("/api/openapi.json")))["paths"]!.AsObject().Select(p => p.Key).ToList();
        var functions = app.Services.GetServices<IQueueFunction>().Select(f => f.Name)
            .Concat(app.Services.GetServices<ITimerFunction>().Select(f => f.Name)).ToList();
        Assert.Equal(["BindingEffects", "BindingEffectsPoison", "FireTimers", "RecoverMovements", "SweepOutbox", "SweepPaymentCodes"], functions.Order(StringComparer.Ordinal));

        Assert.NotEmpty(paths);
        Assert.All(paths, p => Assert.StartsWith("/api/", p, StringComparison.Ordinal));
        Assert.All(functions, f => Assert.DoesNotContain(paths, p => p.Contains(f, StringComparison.OrdinalIgnoreCase)));

        // And the Functions host's invocation path is /{Name}, not /api/{Name}
        Assert.Equal(HttpStatusCode.NotFound, (await app.Admin().PostAsync("/api/FireTimers", null)).StatusCode);
    }

    [Fact]
    public async Task A_request_expires_through_the_host_path_alone()
    {
        // Given a request whose effects wait on the queue (no local runner), delivered as the host would
        await using var hosted = new HostedApp();
        var authorizer = await Api.Insured(hosted);
        var member = await Api.Insured(hosted, insuranceType: "resident");
        var id = await Api.CreateBinding(hosted, authorizer, member);
        Assert.Equal(1, await PlayHost(hosted));
        var due = FamilyAidApp.Start + TimeSpan.FromDays(7);
        Assert.True(await WorkflowSteps.HasTimer(hosted, id, due));

        // When seven days pass and the host runs the timer function
        hosted.Clock.Advance(TimeSpan.FromDays(7));
        var fired = await Invoke(hosted, "FireTimers", """{"Data":{"timer":{"Schedule":{},"IsPastDue":false}},"Metadata":{}}""");

        // Then it is expired, and once the host delivers the effects the authorizer is told and the member is free
        await Api.Expect(fired, HttpStatusCode.OK);
        AssertInvocationResult(await Api.Json(fired));
        Assert.Equal(["requested", "expired"], await WorkflowSteps.Timeline(hosted, authorizer, id));
        Assert.False(await WorkflowSteps.Notified(hosted, hosted.As(authorizer.Id), id, "expired"), "nothing is delivered without the host");
        Assert.Equal(3, await PlayHost(hosted));
        Assert.True(await WorkflowSteps.Notified(hosted, hosted.As(authorizer.Id), id, "expired"));
        await WorkflowSteps.GuardReleased(hosted, authorizer, member);
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

        // Then they are on the queue, and delivered they free the member and tell them
        await Api.Expect(swept, HttpStatusCode.OK);
        AssertInvocationResult(await Api.Json(swept));
        Assert.Empty(await OutboxRows(hosted, id));
        Assert.Equal(3, await PlayHost(hosted));
        Assert.True(await WorkflowSteps.Notified(hosted, hosted.As(member.Id), id, "cancelled"));
        await WorkflowSteps.GuardReleased(hosted, authorizer, member);
    }

    [Fact]
    public async Task The_poison_function_records_the_failure_once_even_when_its_message_is_delivered_twice()
    {
        // Given a request, and one of its notify messages that failed every try
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var id = await Api.CreateBinding(app, authorizer, member);
        var message = Message(id, new Notify(id, authorizer.Id, "approved"), "o-0000000001-001");

        // When the host delivers it from the poison queue, and (at least once) again
        await Api.Expect(await Invoke(app, "BindingEffectsPoison", Payload(JsonValue.Create(message))), HttpStatusCode.OK);
        Assert.Equal(["requested", "effect-failed"], await WorkflowSteps.Timeline(app, authorizer, id));
        await Api.Expect(await Invoke(app, "BindingEffectsPoison", Payload(JsonValue.Create(message), dequeueCount: 2)), HttpStatusCode.OK);

        // Then the timeline shows the failure once
        Assert.Equal(["requested", "effect-failed"], await WorkflowSteps.Timeline(app, authorizer, id));
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

    private static string NewId() => "it" + Guid.NewGuid().ToString("N")[..20];

    private static string Message(string bindingId, BindingEffect effect, string outboxKey = "o-0000000001-000") =>
        JsonSerializer.Serialize(new EffectMessage(bindingId, outboxKey, effect.Name, BindingEffectCodec.Serialize(effect)), Json.Options);

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
    private static async Task<int> PlayHost(HostedApp app)
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

    private static async Task<List<string>> OutboxRows(HostedApp app, string bindingId)
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
