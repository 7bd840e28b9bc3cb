namespace FamilyAid.Functions.Storage;

/// <summary>One try of an optimistic change: its number (from 1) and the id its commit is written under, fresh per
/// try, so that a store can recognise its own transaction after a lost answer (a timeout after storage applied it).</summary>
public sealed record Attempt(int Number, string CommitId)
{
    /// <summary>The first try, which may use a state the caller loaded already.</summary>
    public bool IsFirst => Number == 1;
}

/// <summary>What one try came to: the value (committed, or nothing to commit), or a race lost to another writer.</summary>
public readonly record struct Tried<T>(bool Lost, T Value)
{
    /// <summary>A try that ended with <paramref name="value"/>.</summary>
    public static implicit operator Tried<T>(T value) => new(false, value);

    /// <summary>A try that lost its race: load again and decide again.</summary>
    public static implicit operator Tried<T>(LostRace lost) => new(true, default!);
}

/// <summary>The marker a try returns when another writer changed the row first (409/412 on its ETag or insert).</summary>
public sealed class LostRace
{
    internal LostRace()
    {
    }
}

/// <summary>The one retry policy for optimistic concurrency: every load → decide → commit in the app (binding streams,
/// account postings, insured records, movements, group places) runs its tries through <see cref="Retry"/>.</summary>
/// <remarks>Each lost race waits a random time (full jitter) below a ceiling that grows with the try, so writers that
/// collided spread out instead of colliding again; the number of tries is bounded so that a request always answers
/// (409 <c>concurrent-update</c> when every try lost). See docs/DECISIONS.md for the numbers.</remarks>
public static class Optimistic
{
    /// <summary>How many tries a change gets before it gives up.</summary>
    public const int MaxAttempts = 30;

    /// <summary>The back-off ceiling grows by this much per lost try…</summary>
    public const int BackOffStepMilliseconds = 10;

    /// <summary>…up to this.</summary>
    public const int BackOffCeilingMilliseconds = 200;

    /// <summary>What a try returns when it lost its race.</summary>
    public static readonly LostRace Lost = new();

    /// <summary>The wait after losing try <paramref name="attempt"/>: uniform in [1, min(step × attempt, ceiling)] ms.</summary>
    public static TimeSpan BackOff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(1, 1 + Math.Min(BackOffStepMilliseconds * attempt, BackOffCeilingMilliseconds)));

    /// <summary>Runs <paramref name="attempt"/> until it does not lose its race, at most <see cref="MaxAttempts"/>
    /// times; then throws <see cref="ConcurrentUpdateException"/> naming <paramref name="subject"/>.</summary>
    /// <remarks>A try loads what it needs, decides, and commits under the ETag it loaded; it returns
    /// <see cref="Lost"/> only for a lost race (any other failure is thrown as it is).</remarks>
    public static async Task<T> Retry<T>(string subject, Func<Attempt, Task<Tried<T>>> attempt, CancellationToken ct)
    {
        for (var number = 1; number <= MaxAttempts; number++)
        {
            var tried = await attempt(new Attempt(number, Guid.NewGuid().ToString("N")));
            if (!tried.Lost)
            {
                return tried.Value;
            }

            if (number < MaxAttempts)
            {
                await Task.Delay(BackOff(number), ct);
            }
        }

        throw new ConcurrentUpdateException(subject);
    }
}
