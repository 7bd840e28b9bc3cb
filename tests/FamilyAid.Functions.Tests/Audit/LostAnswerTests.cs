using Azure.Data.Tables;
using FamilyAid.Functions.Audit;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Privacy;
using FamilyAid.Functions.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FamilyAid.Functions.Tests.Audit;

/// <summary>An insert that landed but whose answer was lost (a timeout during an Azurite stall, then the client's retry,
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
}
