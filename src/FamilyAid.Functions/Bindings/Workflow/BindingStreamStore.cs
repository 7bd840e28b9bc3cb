using System.Diagnostics.Metrics;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Bindings.Workflow;

/// <summary>A binding request's header as loaded: the state snapshot, its version, the ETag that guards the next commit,
/// and the id of the commit that wrote it.</summary>
public sealed record LoadedBinding(BindingState State, long Version, ETag ETag, string? CommitId = null)
{
    /// <summary>Whether it came from this instance's memory (<see cref="RecentHeaders"/>) rather than from storage just now.</summary>
    public bool Remembered { get; init; }

    /// <summary>The request's timeline as the header keeps it beside the events, or null when it keeps none (a header
    /// written before it did, or a timeline too long for one column): then it is read from the events.</summary>
    public IReadOnlyList<TimelineMark>? Timeline { get; init; }
}

/// <summary>One step of a request's timeline: the event's name and when it happened.</summary>
public sealed record TimelineMark(string Name, DateTimeOffset At);

/// <summary>What a command did: the decision, the header after it, and the outbox rows its commit wrote (to dispatch).</summary>
public sealed record Executed(BindingDecision Decision, LoadedBinding? After, IReadOnlyList<PendingEffect> Outbox)
{
    /// <summary>The state the decision was taken on (null for a create): after a lost race, the one read again, not the
    /// caller's (what a document replaced is told from it).</summary>
    public BindingState? Before { get; init; }

    /// <summary>The decision and the header, for callers that do not dispatch.</summary>
    public void Deconstruct(out BindingDecision decision, out LoadedBinding? after)
    {
        decision = Decision;
        after = After;
    }
}

/// <summary>An event as the timeline shows it.</summary>
public sealed record StoredEvent(long Sequence, string Name, DateTimeOffset At, BindingEvent Event);

/// <summary>One event stream per binding request (partition = request id): a header row and event rows,
/// and outbox rows, committed together in one entity-group transaction guarded by the header's ETag.</summary>
public sealed class BindingStreamStore(Tables tables)
{
    private readonly RecentHeaders recent = new();

    /// <summary>The meter of <c>familyaid.bindings.lost_races</c>: commits that lost to another writer and decided again
    /// (expected under concurrency: counted, not logged).</summary>
    public static readonly Meter Metrics = new("FamilyAid.Bindings");

    private static readonly Counter<long> LostRaces = Metrics.CreateCounter<long>("familyaid.bindings.lost_races");

    /// <summary>The header this instance holds for a command on the request (<see cref="RecentHeaders"/>: its
    /// authorizer, member, kind and region never change, and <see cref="Execute"/> guards the rest), else as
    /// <see cref="Load"/> reads it. Reads that answer a client use <see cref="Load"/>.</summary>
    public async Task<LoadedBinding?> LoadForCommand(string bindingId, CancellationToken ct) =>
        (Keys.IsSafeId(bindingId) ? recent.Find(bindingId) : null) ?? await Load(bindingId, ct);

    /// <summary>The header as storage holds it now, or null when the request does not exist.</summary>
    public async Task<LoadedBinding?> Load(string bindingId, CancellationToken ct)
    {
        if (!Keys.IsSafeId(bindingId))
        {
            return null;
        }

        var found = await tables.Bindings.GetEntityIfExistsAsync<TableEntity>(bindingId, Keys.Header, cancellationToken: ct);
        if (!found.HasValue)
        {
            return null;
        }

        var header = found.Value!;
        var state = Snapshot(header.GetString("Snapshot")) ?? await Replay(bindingId, ct);
        var loaded = new LoadedBinding(state, header.GetInt64("Version") ?? 0, header.ETag, header.GetString("CommitId"))
        {
            Timeline = Marks(header.GetString("Timeline")),
        };
        recent.Put(loaded);
        return loaded;
    }

    /// <summary>The timeline a header keeps, or null when it keeps none (or one this build does not read).</summary>
    private static List<TimelineMark>? Marks(string? json)
    {
        try
        {
            return json is null ? null : JsonSerializer.Deserialize<List<TimelineMark>>(json, Json.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The timeline after <paramref name="events"/>, as the header's column (null: none kept), and as a list.</summary>
    /// <remarks>Only a timeline known whole is kept: a create's, or one the expected header kept. A request whose
    /// documents were uploaded hundreds of times would outgrow a column (32 K characters): past <see cref="TimelineColumnLimit"/>
    /// characters its header keeps none, and its timeline is read from its events.</remarks>
    private static (string? Column, List<TimelineMark>? Marks) Timeline(LoadedBinding? expected, IReadOnlyList<BindingEvent> events)
    {
        if (expected is not null && expected.Timeline is null)
        {
            return (null, null);
        }

        var marks = (expected?.Timeline ?? []).Concat(events.Select(e => new TimelineMark(e.Name, e.At))).ToList();
        var column = JsonSerializer.Serialize(marks, Json.Options);
        return column.Length <= TimelineColumnLimit ? (column, marks) : (null, null);
    }

    /// <summary>The longest timeline a header keeps, in characters (a string column holds 32 K of them).</summary>
    public const int TimelineColumnLimit = 16_000;

    /// <summary>The state the header caches, or null when it was written in a shape this build no longer reads.</summary>
    private static BindingState? Snapshot(string? json)
    {
        try
        {
            return json is null ? null : JsonSerializer.Deserialize<BindingState>(json, Json.Options);
        }
        catch (JsonException)
        {
            // The snapshot is a cache of the events, which are the record: an older build's snapshot is rebuilt
            // from them (and the next commit writes it in the current shape).
            return null;
        }
    }

    private async Task<BindingState> Replay(string bindingId, CancellationToken ct) =>
        BindingDecider.Fold((await Events(bindingId, ct)).Select(e => e.Event)) ?? throw new InvalidOperationException($"Binding {bindingId} has a header but no events.");

    /// <summary>The whole stream, oldest first.</summary>
    public async Task<IReadOnlyList<StoredEvent>> Events(string bindingId, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {bindingId} and RowKey ge {Keys.EventPrefix} and RowKey lt {Keys.PrefixEnd(Keys.EventPrefix)}");
        var events = new List<StoredEvent>();
        await foreach (var row in tables.Bindings.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            var name = row.GetString("Name")!;
            var @event = BindingEventCodec.Deserialize(name, row.GetString("Data")!);
            events.Add(new StoredEvent(row.GetInt64("Sequence") ?? 0, name, @event.At, @event));
        }

        return events;
    }

    /// <summary>Loads, decides and commits, deciding again on a lost race (<see cref="Optimistic"/>); returns the
    /// decision and the state after it.</summary>
    /// <remarks>A null state is a request that does not exist (yet): a create decides on null and inserts the header,
    /// and a second create of the same id loses with 409 and decides again on what the first one wrote. Many writers
    /// at once on one request (a family uploading seven scans together) lose races often.</remarks>
    /// <param name="first">The header the caller loaded already (to authorize), used for the first attempt.</param>
    /// <param name="knownAbsent">The caller knows the request does not exist yet (a create): the first attempt reads nothing.</param>
    /// <param name="beside">A row of the request's partition to write in the commit (null: none), made from the state after
    /// it: the audit entry of the command, so that the entry exists exactly when the change does (issue 16: one request
    /// fewer per command).</param>
    public Task<Executed> Execute(
        string bindingId, LoadedBinding? first, Func<BindingState?, BindingDecision> decide, CancellationToken ct, bool knownAbsent = false,
        Func<BindingState, TableEntity?>? beside = null) =>
        Optimistic.Retry<Executed>($"Request {bindingId}", async attempt =>
        {
            var loaded = attempt.IsFirst && (first is not null || knownAbsent) ? first : await Load(bindingId, ct);
            var decision = decide(loaded?.State);
            if (loaded is { Remembered: true } && (decision.IsRefused || decision.Events.Count == 0))
            {
                // Nothing is committed, so no ETag would tell that the remembered header was stale: decide on storage's.
                loaded = await Load(bindingId, ct);
                decision = decide(loaded?.State);
            }

            if (decision.IsRefused || decision.Events.Count == 0)
            {
                return new Executed(decision, loaded, []) { Before = loaded?.State };
            }

            var state = loaded?.State;
            var effects = new List<BindingEffect>();
            foreach (var @event in decision.Events)
            {
                state = BindingDecider.Evolve(state, @event);
                effects.AddRange(BindingReactions.To(@event, state));
            }

            var version = (loaded?.Version ?? 0) + decision.Events.Count;
            var outbox = effects.Select((effect, i) => new PendingEffect(new EffectMessage(bindingId, Keys.Outbox(version, i)), effect)).ToList();
            try
            {
                var after = await Commit(bindingId, loaded, state!, decision.Events, outbox, attempt.CommitId, beside?.Invoke(state!), ct);
                return new Executed(decision, after, outbox) { Before = loaded?.State };
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // The attempt's commit id names this transaction: one the client retried after it had in fact been
                // applied (a timeout on the answer) is recognised as ours instead of deciding twice.
                if (await Load(bindingId, ct) is { } now && now.CommitId == attempt.CommitId)
                {
                    return new Executed(decision, now, outbox) { Before = loaded?.State };
                }

                LostRaces.Add(1);
                return Optimistic.Lost;
            }
        }, ct);

    private async Task<LoadedBinding> Commit(
        string bindingId, LoadedBinding? expected, BindingState state, IReadOnlyList<BindingEvent> events,
        List<PendingEffect> outbox, string commitId, TableEntity? beside, CancellationToken ct)
    {
        var version = (expected?.Version ?? 0) + events.Count;
        var (timelineColumn, timeline) = Timeline(expected, events);
        var header = new TableEntity(bindingId, Keys.Header)
        {
            ["Timeline"] = timelineColumn,
            ["Snapshot"] = JsonSerializer.Serialize(state, Json.Options),
            ["Version"] = version,
            ["Status"] = state.Status.ToString(),
            ["Kind"] = state.Kind.ToString(),
            ["Region"] = state.Region,
            ["AuthorizerId"] = state.AuthorizerId,
            ["MemberId"] = state.MemberId,
            ["SubmittedAt"] = state.SubmittedAt,
            ["DueAt"] = state.DueAt,
            ["CommitId"] = commitId,
        };
        var actions = new List<TableTransactionAction>
        {
            expected is null
                ? new TableTransactionAction(TableTransactionActionType.Add, header)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, header, expected.ETag),
        };
        var sequence = expected?.Version ?? 0;
        foreach (var @event in events)
        {
            sequence++;
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(bindingId, Keys.Event(sequence))
            {
                ["Sequence"] = sequence,
                ["Name"] = @event.Name,
                ["At"] = @event.At,
                ["Data"] = BindingEventCodec.Serialize(@event),
            }));
        }

        // The effects go in the same transaction as the events that ask for them: both or neither.
        actions.AddRange(outbox.Select(pending => new TableTransactionAction(TableTransactionActionType.Add, BindingOutbox.Row(pending, events[^1].At))));
        if (beside is not null)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, beside));
        }

        var response = await tables.Bindings.SubmitTransactionAsync(actions, ct);
        var etag = response.Value[0].Headers.ETag ?? ETag.All;
        var after = new LoadedBinding(state, version, etag, commitId) { Timeline = timeline };
        recent.Put(after);
        return after;
    }
}
