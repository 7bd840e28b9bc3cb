using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FamilyAid.Functions.Tests.Workflow;

/// <summary>An app under the Functions host whose first write to the Timers table fails (a storage error the SDK does not retry).</summary>
public sealed class TimerWriteFailsOnce : HostedApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            var options = new TableClientOptions();
            options.AddPolicy(new FailsOnce("Timers"), HttpPipelinePosition.PerCall);
            services.Replace(ServiceDescriptor.Singleton(new TableServiceClient(StorageConnection, options)));
        });
    }

    // Ahead of the retry policy, so the failure reaches the app as it would after the SDK's tries.
    private sealed class FailsOnce(string table) : HttpPipelinePolicy
    {
        private int failed;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The tests use the asynchronous client.");

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            message.Request.Method == RequestMethod.Put && message.Request.Uri.Path.Contains($"{table}(", StringComparison.Ordinal)
                && Interlocked.Exchange(ref failed, 1) == 0
                ? throw new RequestFailedException(503, "injected: the Timers table is unavailable")
                : ProcessNextAsync(message, pipeline);
    }
}

/// <summary>Decision 38: a request's storage-only effects (timers, review queue entries, the open-request guard's
/// release) are done by the process that committed them, before it answers; the queue keeps what fails here.</summary>
public sealed class EffectsHereTests(HostedApp app) : IClassFixture<HostedApp>
{
    [Fact]
    public async Task A_requests_storage_effects_are_done_before_its_answer_and_nothing_waits_on_the_queue()
    {
        // Given an app with no runner of its own (nothing would take a message from the queue)
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");

        // When the authorizer creates a request
        var id = await Api.CreateBinding(app, authorizer, member);

        // Then its timer is set, its outbox is empty and the queue holds nothing for it
        Assert.True(await WorkflowSteps.HasTimer(app, id, app.Clock.GetUtcNow() + TimeSpan.FromDays(7)));
        Assert.Empty(await TriggerInvocationTests.OutboxRows(app, id));
        Assert.Empty(await TriggerInvocationTests.Take(app, id));

        // When the documents are uploaded and the request submitted
        await Api.UploadAll(app, authorizer, id);
        await Api.Expect(await app.As(authorizer.Id).PostAsync($"/api/bindings/{id}/submit", null), HttpStatusCode.Accepted);

        // Then it is in the reviewers' queue as soon as the answer came, with nothing left for the effects queue
        var queue = (await Api.Json(await app.Reviewer("guangdong").GetAsync("/api/review/queue"))).AsArray();
        Assert.Contains(queue, e => e!["id"]!.GetValue<string>() == id);
        Assert.Empty(await TriggerInvocationTests.OutboxRows(app, id));
        Assert.Empty(await TriggerInvocationTests.Take(app, id));

        // When the authorizer cancels it
        await Api.Expect(await app.As(authorizer.Id).PostAsync($"/api/bindings/{id}/cancel", null), HttpStatusCode.OK);

        // Then it has left the reviewers' queue and the member is free at once; only the notification waits on the queue
        queue = (await Api.Json(await app.Reviewer("guangdong").GetAsync("/api/review/queue"))).AsArray();
        Assert.DoesNotContain(queue, e => e!["id"]!.GetValue<string>() == id);
        Assert.Equal(["notify"], await TriggerInvocationTests.OutboxRows(app, id));
        Assert.Single(await TriggerInvocationTests.Take(app, id));
        await Api.CreateBinding(app, authorizer, member);
    }

    [Fact]
    public async Task An_effect_that_fails_here_is_sent_to_the_queue_and_done_from_there()
    {
        // Given an app whose first timer write fails
        await using var failing = new TimerWriteFailsOnce();
        var authorizer = await Api.Insured(failing);
        var member = await Api.Insured(failing, insuranceType: "resident");

        // When the authorizer creates a request
        var id = await Api.CreateBinding(failing, authorizer, member);

        // Then the request is made, its timer is not, and its row waits for the queue, with the failure logged
        var due = failing.Clock.GetUtcNow() + TimeSpan.FromDays(7);
        Assert.False(await WorkflowSteps.HasTimer(failing, id, due));
        Assert.Equal(["schedule-timer"], await TriggerInvocationTests.OutboxRows(failing, id));
        Assert.Contains(failing.Logs.Lines, l => l.StartsWith("Warning ", StringComparison.Ordinal)
            && l.Contains($"schedule-timer of request {id} failed here", StringComparison.Ordinal));

        // When the host delivers the queue's message
        Assert.Equal(1, await TriggerInvocationTests.PlayHost(failing));

        // Then the timer is set and the row gone
        Assert.True(await WorkflowSteps.HasTimer(failing, id, due));
        Assert.Empty(await TriggerInvocationTests.OutboxRows(failing, id));
    }
}
