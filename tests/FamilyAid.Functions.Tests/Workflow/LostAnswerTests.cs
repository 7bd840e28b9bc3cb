using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Storage;
using FamilyAid.Functions.Bindings.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Workflow;

public sealed class LostAnswerTests(PrivateApp app) : IClassFixture<PrivateApp>
{
    [Fact]
    public async Task A_transaction_applied_whose_answer_was_lost_and_retried_by_the_client_counts_once()
    {
        // Given a request, and a storage client whose first transaction is applied but whose answer is lost
        // (the SDK then retries it, and the retry fails on the header's changed ETag)
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var id = await Api.CreateBinding(app, authorizer, member);
        var losing = new LoseFirstBatchAnswer();
        var options = new TableClientOptions();
        options.AddPolicy(losing, HttpPipelinePosition.PerRetry);
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        var tables = new Tables(new TableServiceClient(FamilyAidApp.StorageConnection, options), app.Prefix);
        var streams = new BindingStreamStore(tables);
        var decider = app.Services.GetRequiredService<BindingDecider>();

        // When the authorizer cancels through that client
        var executed = await streams.Execute(id, null, s => decider.Decide(s, new Domain.Bindings.CancelBinding(), app.Clock.GetUtcNow()), default);

        // Then the cancel is taken as done (not decided again and refused), and the stream holds it once
        Assert.True(losing.Lost);
        Assert.Null(executed.Decision.Refusal);
        Assert.Equal(BindingStatus.Cancelled, executed.After!.State.Status);
        var timeline = await streams.Events(id, default);
        Assert.Equal(["requested", "cancelled"], timeline.Select(e => e.Name));
    }

    // Sends the first $batch for real, then throws as if the connection dropped before the answer arrived.
    private sealed class LoseFirstBatchAnswer : HttpPipelinePolicy
    {
        public bool Lost { get; private set; }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            if (!Lost && message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal))
            {
                Lost = true;
                throw new IOException("The answer was lost on the way back.");
            }
        }
    }
}
