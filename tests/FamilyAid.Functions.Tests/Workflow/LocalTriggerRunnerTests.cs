using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Queues;
using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Storage;
using FamilyAid.Functions.Triggers;
using FamilyAid.Functions.Bindings.Workflow;
using Microsoft.Extensions.DependencyInjection;
using NCrontab;

namespace FamilyAid.Functions.Tests.Workflow;

/// <summary>The local trigger runner (<c>./run.sh</c>, tests): it reads the same function.json and host.json as the
/// Functions host, polls the queues, runs the timers on their NCRONTAB schedules, one instance at a time.</summary>
[Collection(AppCollection.Name)]
public sealed class LocalTriggerRunnerTests(FamilyAidApp app)
{
    private static readonly DateTimeOffset Start = FamilyAidApp.Start;

    private static readonly Dictionary<string, string> QueueOf = new()
    {
        ["BindingEffects"] = "binding-effects",
        ["BindingEffectsPoison"] = "binding-effects-poison",
        ["RunImport"] = "imports",
    };

    [Fact]
    public void Every_queue_and_timer_function_registered_has_a_function_json_with_its_trigger_and_queue()
    {
        // Given the function.json files where the app runs from, and the functions the app registers
        var definitions = FunctionDefinition.Load(AppContext.BaseDirectory);
        var byName = definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var queueFunctions = app.Services.GetServices<IQueueFunction>().Select(f => f.Name).ToList();
        var timerFunctions = app.Services.GetServices<ITimerFunction>().Select(f => f.Name).ToList();

        // Then each queue function is triggered by its queue, the poison one by <queue>-poison
        Assert.Equal(QueueOf.Keys.Order(StringComparer.Ordinal), queueFunctions.Order(StringComparer.Ordinal));
        foreach (var name in queueFunctions)
        {
            Assert.True(byName.TryGetValue(name, out var definition), $"no function.json for the queue function {name}");
            Assert.Equal("queueTrigger", definition.Trigger);
            Assert.Equal(QueueOf[name], definition.QueueName);
            Assert.Null(definition.Schedule);
        }

        Assert.Equal(StorageNames.EffectsQueue, byName["BindingEffects"].QueueName);
        Assert.Equal(byName["BindingEffects"].QueueName + "-poison", byName["BindingEffectsPoison"].QueueName);

        // And each timer function by a schedule
        Assert.Equal(["ExpireRemoteRegistrations", "FinishRelationshipEnds", "FireTimers", "RecoverMovements", "SweepOutbox", "SweepPaymentCodes"], timerFunctions.Order(StringComparer.Ordinal));
        foreach (var name in timerFunctions)
        {
            Assert.True(byName.TryGetValue(name, out var definition), $"no function.json for the timer function {name}");
            Assert.Equal("timerTrigger", definition.Trigger);
            Assert.False(string.IsNullOrWhiteSpace(definition.Schedule));
            Assert.Null(definition.QueueName);
        }

        // And the blob function watches only where the platform drops files
        var blobFunctions = app.Services.GetServices<IBlobFunction>().Select(f => f.Name).ToList();
        Assert.Equal(["ImportDropped"], blobFunctions);
        Assert.Equal(("blobTrigger", "imports/drop/{name}"), (byName["ImportDropped"].Trigger, byName["ImportDropped"].BlobPath));

        // And no queue, timer or blob function.json names a function the app does not have (the host would invoke a missing route)
        Assert.Equal(
            queueFunctions.Concat(timerFunctions).Concat(blobFunctions).Order(StringComparer.Ordinal),
            definitions.Select(d => d.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_queue_function_json_files_read_the_storage_connection_the_app_uses()
    {
        foreach (var name in QueueOf.Keys)
        {
            var trigger = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, name, "function.json")))!["bindings"]!.AsArray()
                .Single(b => b!["type"]!.GetValue<string>() == "queueTrigger")!;
            Assert.Equal("AzureWebJobsStorage", trigger["connection"]!.GetValue<string>());
            Assert.Equal("in", trigger["direction"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Queue_settings_come_from_host_json()
    {
        var settings = QueueSettings.Load(Path.Combine(AppContext.BaseDirectory, "host.json"));

        Assert.Equal(new QueueSettings(16, 5, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2)), settings);
    }

    [Fact]
    public void Queue_settings_missing_from_host_json_keep_the_hosts_defaults()
    {
        var folder = Directory.CreateTempSubdirectory("familyaid-host-");
        try
        {
            Assert.Equal(QueueSettings.Defaults, QueueSettings.Load(Path.Combine(folder.FullName, "missing.json")));

            var bare = Path.Combine(folder.FullName, "bare.json");
            File.WriteAllText(bare, """{"version":"2.0"}""");
            Assert.Equal(QueueSettings.Defaults, QueueSettings.Load(bare));

            var partial = Path.Combine(folder.FullName, "partial.json");
            File.WriteAllText(partial, """{"version":"2.0","extensions":{"queues":{"maxDequeueCount":3}}}""");
            Assert.Equal(QueueSettings.Defaults with { MaxDequeueCount = 3 }, QueueSettings.Load(partial));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_timer_schedules_are_ncrontab_with_seconds()
    {
        var schedules = FunctionDefinition.Load(AppContext.BaseDirectory).Where(d => d.Trigger == "timerTrigger")
            .ToDictionary(d => d.Name, d => d.Schedule!, StringComparer.Ordinal);

        foreach (var (name, text) in schedules)
        {
            // Six fields, as the Functions host reads them: a five-field parser refuses them
            Assert.Equal(6, text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.NotNull(CrontabSchedule.Parse(text, new CrontabSchedule.ParseOptions { IncludingSeconds = true }));
            Assert.Null(CrontabSchedule.TryParse(text));
        }

        // FireTimers, SweepOutbox and RecoverMovements every 5 minutes (an idle app may sleep in between; OPERATIONS.md
        // says which promise sets each), recovery half a minute after the others
        var fire = CrontabSchedule.Parse(schedules["FireTimers"], new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        Assert.Equal(
            [Start.UtcDateTime.AddMinutes(5), Start.UtcDateTime.AddMinutes(10)],
            fire.GetNextOccurrences(Start.UtcDateTime, Start.UtcDateTime.AddMinutes(10).AddSeconds(1)));
        var sweep = CrontabSchedule.Parse(schedules["SweepOutbox"], new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        Assert.Equal(
            [Start.UtcDateTime.AddMinutes(5), Start.UtcDateTime.AddMinutes(10)],
            sweep.GetNextOccurrences(Start.UtcDateTime.AddSeconds(1), Start.UtcDateTime.AddMinutes(10).AddSeconds(1)));
        var recover = CrontabSchedule.Parse(schedules["RecoverMovements"], new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        Assert.Equal(
            [Start.UtcDateTime.AddSeconds(30), Start.UtcDateTime.AddMinutes(5).AddSeconds(30), Start.UtcDateTime.AddMinutes(10).AddSeconds(30)],
            recover.GetNextOccurrences(Start.UtcDateTime, Start.UtcDateTime.AddMinutes(10).AddSeconds(31)));
    }

    [Fact]
    public async Task A_crash_between_commit_and_dispatch_is_delivered_by_the_SweepOutbox_function()
    {
        // Given a gansu approval committed by a process that died before it sent its outbox rows
        await using var own = new PrivateApp();
        var (authorizer, child, id) = await CommittedNotDispatched(own);

        // When the sweep function runs while the rows are younger than the sweep age, it leaves them to their request
        await WorkflowSteps.RunTimer(own, "SweepOutbox");
        Assert.Single(await OutboxRows(own, id));

        // When it runs once they are older
        own.Clock.Advance(BindingOutbox.SweepAge);
        await WorkflowSteps.RunTimer(own, "SweepOutbox");

        // Then the activities bind the pair and tell both people, and the outbox empties as each is done
        await Api.Eventually(async () => (await OutboxRows(own, id)).Count == 0, "the outbox to empty");
        await Api.Eventually(async () => await WorkflowSteps.ActiveRelationships(own, child) == 1, "the relationship");
        await WorkflowSteps.EventuallyNotified(own, own.As(authorizer.Id), id, "approved");
        await WorkflowSteps.EventuallyNotified(own, own.As(child.Id), id, "approved");
        await WorkflowSteps.GuardReleased(own, authorizer, child);
    }

    [Fact]
    public async Task The_runner_sweeps_on_its_schedule_without_being_asked()
    {
        // Given rows a crash left behind at 10:00:00
        await using var own = new PrivateApp();
        var (_, child, id) = await CommittedNotDispatched(own);

        // When the clock passes 10:05:00, the SweepOutbox schedule's next occurrence
        own.Clock.Advance(TimeSpan.FromMinutes(5));

        // Then the runner's sweep sends them and the pair is bound
        await Api.Eventually(async () => (await OutboxRows(own, id)).Count == 0, "the runner's sweep");
        await Api.Eventually(async () => await WorkflowSteps.ActiveRelationships(own, child) == 1, "the relationship");
    }

    [Fact]
    public async Task A_timer_function_runs_on_one_instance_at_a_time_through_a_blob_lease()
    {
        // Given another instance holds the FireTimers lease, and a request due to expire
        await using var own = new PrivateApp();
        var container = own.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(own.Prefix + StorageNames.LocksContainer);
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient("FireTimers");
        try
        {
            await blob.UploadAsync(BinaryData.FromString("FireTimers"), overwrite: false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
        }

        var lease = blob.GetBlobLeaseClient();
        await lease.AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration);
        var authorizer = await Api.Insured(own);
        var member = await Api.Insured(own, insuranceType: "resident");
        var id = await Api.CreateBinding(own, authorizer, member);
        await WorkflowSteps.TimerSet(own, id, Start + TimeSpan.FromDays(7));

        // When the schedule comes round after the due time, this instance skips the run
        own.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        await Task.Delay(1500);
        Assert.Equal("awaiting-documents", await Api.Status(own, authorizer, id));

        // When the other instance lets go, the next occurrence (5 minutes on) runs here and the request expires
        await lease.ReleaseAsync();
        own.Clock.Advance(TimeSpan.FromMinutes(5));
        await Api.Eventually(async () => await Api.Status(own, authorizer, id) == "expired", "the runner's FireTimers");
    }

    [Fact]
    public async Task A_message_on_the_apps_prefixed_queue_is_run_and_deleted()
    {
        // Given a request whose schedule-timer effect was committed but never sent (the process "died")
        await using var own = new PrivateApp();
        var id = "lr" + Guid.NewGuid().ToString("N")[..20];
        var authorizer = await Api.Insured(own);
        var member = await Api.Insured(own, insuranceType: "resident");
        var facts = new IntakeFacts(
            (await own.Services.GetRequiredService<Functions.Insured.InsuredStore>().Get(authorizer.Id, CancellationToken.None))!.Person,
            (await own.Services.GetRequiredService<Functions.Insured.InsuredStore>().Get(member.Id, CancellationToken.None))!.Person, [], [], []);
        var decider = own.Services.GetRequiredService<BindingDecider>();
        var request = decider.Decide(null, new RequestBinding(id, authorizer.Id, BindingKind.Proxy, Domain.Policy.RegionPolicy.Guangdong,
            Domain.Policy.Relation.Parent, facts.Member!.Name, "440106********0000", false, facts), own.Clock.GetUtcNow());
        await own.Services.GetRequiredService<BindingStreamStore>().Execute(id, null, _ => request, CancellationToken.None, knownAbsent: true);
        Assert.Equal(["schedule-timer"], await OutboxRows(own, id));

        // When a pointer to its outbox row is put straight on <prefix>binding-effects
        var queue = own.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(own.Prefix + "binding-effects");
        await queue.SendMessageAsync(JsonSerializer.Serialize(new EffectMessage(id, "o-0000000001-000"), Json.Options));

        // Then the runner runs it and deletes it, and the row with it
        var due = Start + TimeSpan.FromDays(7);
        await WorkflowSteps.TimerSet(own, id, due);
        await Api.Eventually(async () => (await queue.PeekMessagesAsync(32)).Value.Length == 0, "the queue to be empty");
        await Api.Eventually(async () => (await OutboxRows(own, id)).Count == 0, "the outbox row to go");
    }

    private static async Task<(Person Authorizer, Person Child, string Id)> CommittedNotDispatched(PrivateApp own)
    {
        var (authorizer, child, id) = await WorkflowSteps.AwaitingFaceCheck(own);
        var session = await WorkflowSteps.StartFaceCheck(own, child, id);
        await Api.Eventually(async () => (await OutboxRows(own, id)).Count == 0, "the request's own effects to be done");

        // The passing face check committed through the stream store, not the workflow: nothing dispatches the outbox (the process "died")
        var streams = own.Services.GetRequiredService<BindingStreamStore>();
        var decider = own.Services.GetRequiredService<BindingDecider>();
        var (decision, after) = await streams.Execute(
            id, null, s => decider.Decide(s, new RecordFaceCheckResult(session, true, 0.97), own.Clock.GetUtcNow()), CancellationToken.None);
        Assert.Null(decision.Refusal);
        Assert.Equal(BindingStatus.Activating, after!.State.Status);
        Assert.Equal(["activate-relationship"], await OutboxRows(own, id));
        Assert.Equal(0, await WorkflowSteps.ActiveRelationships(own, child));
        return (authorizer, child, id);
    }

    private static async Task<List<string>> OutboxRows(PrivateApp app, string bindingId)
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
