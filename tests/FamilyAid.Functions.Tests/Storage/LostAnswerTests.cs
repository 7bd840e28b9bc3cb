using Azure.Data.Tables;
using FamilyAid.Functions.Audit;
using FamilyAid.Functions.Bindings;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Privacy;
using FamilyAid.Functions.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FamilyAid.Functions.Tests.Storage;

/// <summary>An insert or transaction that landed but whose answer was lost (a timeout during an Azurite stall, then the client's retry,
/// which storage answers 409) is recognised as the app's own write, not reported lost or taken for another request's.</summary>
[Collection(AppCollection.Name)]
public sealed class LostAnswerTests(FamilyAidApp app)
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.Parse("2026-12-05T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task An_audit_entry_whose_first_answer_was_lost_is_recorded_once_and_counts_as_written()
    {
        // Given storage whose first answer to an audit insert never reaches the app
        var tables = FirstAnswerLost.Tables("Audit");
        await tables.Audit.CreateIfNotExistsAsync();
        var audit = new AuditLog(tables, clock, NullLogger<AuditLog>.Instance);

        // When an entry is recorded
        var written = await audit.Record(null, "binding-submitted", "subject-1", null, CancellationToken.None);

        // Then it counts as written, and the trail holds it once
        Assert.True(written);
        Assert.Single(await tables.Audit.QueryAsync<TableEntity>(e => e.PartitionKey == "subject-1").ToListAsync());
        await tables.Audit.DeleteAsync();
    }

    [Fact]
    public async Task A_claim_whose_first_answer_was_lost_is_this_requests_claim()
    {
        // Given storage whose first answer to an idempotency claim never reaches the app
        var tables = FirstAnswerLost.Tables("Idempotency");
        await tables.Idempotency.CreateIfNotExistsAsync();
        var store = new IdempotencyStore(tables, new PartitionWrites(), app.Services.GetRequiredService<ResidentIdProtector>(), clock);

        // When a request claims its key
        var start = await store.Begin("institution:h1", "CreateSettlement", "key-1", "{}"u8.ToArray(), "fresh-id", CancellationToken.None);

        // Then the claim is its own, with its fresh id (not "a request with this key is still running")
        Assert.Equal("fresh-id", Assert.IsType<IdempotencyStore.Claimed>(start).ResourceId);
        await tables.Idempotency.DeleteAsync();
    }

    [Fact]
    public async Task An_open_request_guard_whose_first_answer_was_lost_is_this_requests_guard()
    {
        // Given storage whose first answer to a transaction never reaches the app
        var tables = FirstAnswerLost.Tables("$batch");
        await tables.PersonBindings.CreateIfNotExistsAsync();
        var index = new PersonBindingIndex(tables, clock);

        // When a new request takes the authorizer's guard for a member
        var taken = await index.Register("request-1", "authorizer-1", "member-1", Domain.Bindings.BindingKind.Sharing, seen: null, CancellationToken.None);

        // Then it holds the guard (not "an open request for this member exists already")
        Assert.True(taken);
        Assert.Equal("request-1", (await index.GuardOf("authorizer-1", "member-1", Domain.Bindings.BindingKind.Sharing, CancellationToken.None))?.BindingId);
        await tables.PersonBindings.DeleteAsync();
    }
}
