using System.Text;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using FamilyAid.Functions.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Bindings;

/// <summary>The app with commits of binding streams held back (behind a gate, or for a while), so that races that
/// are rare on a fast machine happen every time.</summary>
public sealed partial class SlowStreamCommitApp : FamilyAidApp
{
    /// <summary>How long each batch to the stream table waits before it is sent.</summary>
    public TimeSpan CommitDelay { get; set; } = TimeSpan.Zero;

    /// <summary>While set, every batch to the stream table waits for this gate to open.</summary>
    public TaskCompletionSource? Gate { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton(_ =>
        {
            var options = new TableClientOptions();
            options.AddPolicy(new HoldStreamCommits(this), HttpPipelinePosition.PerCall);
            return new TableServiceClient(StorageConnection, options);
        }));
    }

    // A batch to the Bindings table (the stream), not to PersonBindings (the guard and listings).
    [GeneratedRegex(@"/[a-z0-9]*Bindings[ (?]")]
    private static partial Regex StreamTable();

    private sealed class HoldStreamCommits(SlowStreamCommitApp app) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (IsStreamCommit(message))
            {
                app.Gate?.Task.GetAwaiter().GetResult();
                Thread.Sleep(app.CommitDelay);
            }

            ProcessNext(message, pipeline);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (IsStreamCommit(message))
            {
                if (app.Gate is { } gate)
                {
                    await gate.Task;
                }

                await Task.Delay(app.CommitDelay);
            }

            await ProcessNextAsync(message, pipeline);
        }

        private static bool IsStreamCommit(HttpMessage message)
        {
            if (message.Request.Method != RequestMethod.Post || !message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) ||
                message.Request.Content is null)
            {
                return false;
            }

            using var buffer = new MemoryStream();
            message.Request.Content.WriteTo(buffer, CancellationToken.None);
            return StreamTable().IsMatch(Encoding.UTF8.GetString(buffer.ToArray()));
        }
    }
}

public sealed class BindingRaceTests(SlowStreamCommitApp app) : IClassFixture<SlowStreamCommitApp>
{
    [Fact]
    public async Task A_create_that_arrives_while_the_first_is_still_writing_is_a_duplicate()
    {
        // Given a create for a member that has taken the open-request guard, its stream commit held back
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var client = app.As(authorizer.Id);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Gate = gate;
        Task<HttpResponseMessage> first, second;
        try
        {
            first = Send.Create(client, Send.Body(member));
            await GuardTaken(authorizer.Id);

            // When a second create for the same member and kind arrives (a second create that got as far as
            // committing would wait at the gate too, so it is given a while, then everything is let through)
            second = Send.Create(client, Send.Body(member));
            await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(3)));
        }
        finally
        {
            app.Gate = null;
            gate.TrySetResult();
        }

        // Then it is refused as a duplicate, and one request exists
        await Api.Expect(await first, HttpStatusCode.Created);
        await Api.ExpectProblem(await second, HttpStatusCode.Conflict, "duplicate-request");
        Assert.Single(await Send.ListedIds(client));
    }

    [Fact]
    public async Task Seven_documents_uploaded_at_once_are_all_recorded()
    {
        // Given a guangdong request, and stream commits slow enough that parallel uploads all collide
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var id = await Api.CreateBinding(app, authorizer, member);
        var client = app.As(authorizer.Id);
        app.CommitDelay = TimeSpan.FromMilliseconds(50);
        try
        {
            // When its seven documents are uploaded in parallel (as a client uploading a form would)
            var responses = await Task.WhenAll(Api.AllDocuments.Select(type => Api.Upload(client, id, type, Api.Jpeg())));

            // Then every upload is recorded (losing a race means deciding again, not a 5xx)
            foreach (var response in responses)
            {
                await Api.Expect(response, HttpStatusCode.Created);
            }

            var view = await Send.View(client, id);
            Assert.All(view["documents"]!.AsArray(), d => Assert.True(d!["uploaded"]!.GetValue<bool>()));
        }
        finally
        {
            app.CommitDelay = TimeSpan.Zero;
        }
    }

    private async Task GuardTaken(string authorizerId)
    {
        var table = app.Services.GetRequiredService<Tables>().PersonBindings;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == authorizerId))
            {
                if (row.RowKey.StartsWith("open-", StringComparison.Ordinal))
                {
                    return;
                }
            }

            await Task.Delay(10);
        }

        Assert.Fail("The first create never took the guard.");
    }
}
