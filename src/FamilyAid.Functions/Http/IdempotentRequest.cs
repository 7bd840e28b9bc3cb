namespace FamilyAid.Functions.Http;

/// <summary>Runs a keyed request once: claim the key, do the work, store the answer; replays and conflicts as problems.</summary>
public static class IdempotentRequest
{
    /// <summary>The header docs/API.md names.</summary>
    public const string Header = "Idempotency-Key";

    /// <summary>400 for a money request sent without a key: without one a retry could move money twice.</summary>
    public static Problem? Require(HttpContext http) =>
        http.Request.Headers.ContainsKey(Header)
            ? null
            : new Problem(400, "idempotency-key-required", $"This request moves money: send an {Header} header (1–255 printable ASCII characters).");

    /// <summary>Runs <paramref name="work"/> under the caller's key (if any) with the id it should create.</summary>
    /// <param name="resumable">The work records what it did and can be run again on the same id (a money movement):
    /// after a failure the claim is kept, so that a retry resumes that id instead of starting a second movement, and
    /// is free to be taken over at once.</param>
    /// <param name="answered">For work whose answers are <see cref="Answer.HeldByResource"/>: the answer the resource with this
    /// id holds, or null while it has none; asked whenever the key's record has no answer of its own.</param>
    public static async Task<IResult> Run(
        HttpContext http, IdempotencyStore store, string scope, string operation, byte[] body, string newId,
        Func<string, Task<Answer>> work, CancellationToken ct, bool resumable = false, Func<string, Task<Answer?>>? answered = null)
    {
        var key = http.Request.Headers[Header].ToString();
        if (!http.Request.Headers.ContainsKey(Header))
        {
            return (await work(newId)).ToResult();
        }

        if (IdempotencyStore.Validate(key) is { } invalid)
        {
            return invalid.ToResult();
        }

        switch (await store.Begin(scope, operation, key, body, newId, ct, answered))
        {
            case IdempotencyStore.Replay replay:
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return replay.Answer.ToResult();
            case IdempotencyStore.Conflict:
                return new Problem(409, "idempotency-conflict", "This Idempotency-Key was used with another request body.").ToResult();
            case IdempotencyStore.InProgress inProgress:
                // When the claim runs out at the latest (then a retry takes it over), in whole seconds.
                http.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(inProgress.Remaining.TotalSeconds))
                    .ToString(System.Globalization.CultureInfo.InvariantCulture);
                return new Problem(409, "request-in-progress", "A request with this Idempotency-Key is still running.").ToResult();
            case IdempotencyStore.Claimed claim:
                Answer answer;
                try
                {
                    answer = await work(claim.ResourceId);
                }
                catch when (!resumable)
                {
                    await store.Release(claim);
                    throw;
                }
                catch
                {
                    // The work recorded what it did under the claim's id: the next retry resumes it, without waiting.
                    await store.Abandon(claim);
                    throw;
                }

                if (answer.HeldByResource)
                {
                    return answer.ToResult();
                }

                if (!answer.Kept)
                {
                    // A curable refusal that changed nothing: the same key may try again.
                    await store.Release(claim);
                    return answer.ToResult();
                }

                await store.Complete(claim, answer, ct);
                return answer.ToResult();
            default:
                throw new InvalidOperationException("Unknown idempotency outcome.");
        }
    }
}
