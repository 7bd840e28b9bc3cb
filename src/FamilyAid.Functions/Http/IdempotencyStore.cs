using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using FamilyAid.Functions.Privacy;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Http;

/// <summary>Idempotency records: the first answer to a caller's key, replayed to every retry of the same body.</summary>
/// <remarks>A record is claimed (pending) before the work and completed with the answer after it. It also
/// reserves the id of what the work creates, so a retry after a crash redoes the work on the same id
/// instead of creating a second one. The body is kept only as a keyed fingerprint: it may hold a resident ID and a phone.</remarks>
public sealed class IdempotencyStore(Tables tables, PartitionWrites writes, ResidentIdProtector protector, TimeProvider clock)
{
    /// <summary>A pending claim that has not answered within this time is taken over by a retry.</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromSeconds(30);

    /// <summary>What beginning a keyed request found.</summary>
    public abstract record Start;

    /// <summary>This request owns the key: do the work for <see cref="ResourceId"/>, then <see cref="Complete"/>.</summary>
    public sealed record Claimed(string PartitionKey, string RowKey, string ResourceId, ETag ETag) : Start;

    /// <summary>The key answered before: send this again.</summary>
    public sealed record Replay(Answer Answer) : Start;

    /// <summary>The key was used with another body.</summary>
    public sealed record Conflict : Start;

    /// <summary>The first request with this key is still running; its claim lasts <see cref="Remaining"/> longer at most.</summary>
    public sealed record InProgress(TimeSpan Remaining) : Start;

    /// <summary>Checks a caller-supplied key: 1–255 printable ASCII characters.</summary>
    public static Problem? Validate(string? key) =>
        key is { Length: > 0 and <= 255 } && key.All(c => c is >= ' ' and <= '~')
            ? null
            : new Problem(400, "invalid-idempotency-key", "Idempotency-Key must be 1–255 printable ASCII characters.");

    /// <summary>Claims the key for this request, or says what happened to it before.</summary>
    /// <remarks>A JSON body is compared as parsed JSON: the same body with its members reordered or spaced otherwise is a retry.</remarks>
    /// <param name="answered">The answer the resource a claim reserved holds, if it holds one (<see cref="Answer.HeldByResource"/>).</param>
    public async Task<Start> Begin(
        string scope, string operation, string key, byte[] body, string newResourceId, CancellationToken ct, Func<string, Task<Answer?>>? answered = null)
    {
        var entity = new TableEntity(Keys.Hash(scope), Keys.Hash(operation + "\n" + key))
        {
            ["RequestHash"] = protector.Fingerprint(CanonicalJson.From(body) ?? body),
            ["State"] = "pending",
            ["ResourceId"] = newResourceId,
            ["ClaimedAt"] = clock.GetUtcNow(),
        };
        try
        {
            // One partition per scope (an institution's desks): claims made at once go together (DECISIONS 33).
            ct.ThrowIfCancellationRequested();
            var added = await writes.Write(tables.Idempotency, new TableTransactionAction(TableTransactionActionType.Add, entity));
            return new Claimed(entity.PartitionKey, entity.RowKey, newResourceId, added.Headers.ETag ?? ETag.All);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return await Existing(entity, body, answered, ct);
        }
    }

    /// <summary>Stores the answer for replay.</summary>
    public async Task Complete(Claimed claim, Answer answer, CancellationToken ct)
    {
        var entity = new TableEntity(claim.PartitionKey, claim.RowKey)
        {
            ["State"] = "done",
            ["Status"] = answer.Status,
            ["ContentType"] = answer.ContentType,
            ["Body"] = answer.Body,
        };
        await tables.Idempotency.UpdateEntityAsync(entity, claim.ETag, TableUpdateMode.Merge, ct);
    }

    /// <summary>Gives the key up after a failure that produced no answer, so a retry runs again.</summary>
    public async Task Release(Claimed claim)
    {
        try
        {
            await tables.Idempotency.DeleteEntityAsync(claim.PartitionKey, claim.RowKey, claim.ETag, CancellationToken.None);
        }
        catch (RequestFailedException)
        {
            // Left pending: a retry takes it over after ClaimTimeout.
        }
    }

    /// <summary>Keeps the key and its reserved id after a failure of work that can be resumed, but lets the next retry
    /// take it over at once instead of after <see cref="ClaimTimeout"/>.</summary>
    public async Task Abandon(Claimed claim)
    {
        try
        {
            await tables.Idempotency.UpdateEntityAsync(
                new TableEntity(claim.PartitionKey, claim.RowKey) { ["ClaimedAt"] = DateTimeOffset.MinValue }, claim.ETag, TableUpdateMode.Merge,
                CancellationToken.None);
        }
        catch (RequestFailedException)
        {
            // Left claimed: a retry takes it over after ClaimTimeout.
        }
    }

    private async Task<Start> Existing(TableEntity wanted, byte[] body, Func<string, Task<Answer?>>? answered, CancellationToken ct)
    {
        var found = (await tables.Idempotency.GetEntityAsync<TableEntity>(wanted.PartitionKey, wanted.RowKey, cancellationToken: ct)).Value;
        if (found.GetString("RequestHash") is not { } hash || (hash != wanted.GetString("RequestHash") && !WrittenBefore(hash, body)))
        {
            return new Conflict();
        }

        // The claim this very request inserted, whose answer was lost (a timeout, then the client's retry): its fresh id is
        // in no other request's claim.
        if (found.GetString("State") == "pending" && found.GetString("ResourceId") == wanted.GetString("ResourceId"))
        {
            return new Claimed(found.PartitionKey, found.RowKey, found.GetString("ResourceId")!, found.ETag);
        }

        if (found.GetString("State") == "done")
        {
            return new Replay(new Answer(found.GetInt32("Status") ?? 500, found.GetString("ContentType") ?? "application/json", found.GetString("Body") ?? ""));
        }

        // A claim whose work answered through its resource has no answer of its own: the resource's is the first one.
        if (answered is not null && found.GetString("ResourceId") is { } resourceId && await answered(resourceId) is { } held)
        {
            return new Replay(held);
        }

        if (found.GetDateTimeOffset("ClaimedAt") is { } claimedAt && clock.GetUtcNow() - claimedAt < ClaimTimeout)
        {
            return new InProgress(ClaimTimeout - (clock.GetUtcNow() - claimedAt));
        }

        // The first attempt died mid-way: take over its claim, and its reserved id.
        found["ClaimedAt"] = clock.GetUtcNow();
        try
        {
            var updated = await tables.Idempotency.UpdateEntityAsync(found, found.ETag, TableUpdateMode.Replace, ct);
            return new Claimed(found.PartitionKey, found.RowKey, found.GetString("ResourceId")!, updated.Headers.ETag ?? ETag.All);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Another retry took the claim over just now: it lasts a whole timeout from here.
            return new InProgress(ClaimTimeout);
        }
    }

    // Records written before a key rotation hold the fingerprint under a retired key; older ones, a plain SHA-256 of
    // the body's bytes as sent (before bodies were canonicalized and fingerprints keyed).
    private bool WrittenBefore(string hash, byte[] body)
    {
        var canonical = CanonicalJson.From(body) ?? body;
        return protector.PreviousFingerprints(canonical).Contains(hash, StringComparer.Ordinal)
            || hash == Convert.ToHexStringLower(SHA256.HashData(body));
    }
}
