using System.Text.RegularExpressions;
using FamilyAid.Functions.Storage;
using FamilyAid.Functions.Tests.Hosting;

namespace FamilyAid.Functions.Tests.Storage;

/// <summary>The one retry policy for optimistic concurrency, and that no other retry loop exists beside it.</summary>
public sealed partial class OptimisticTests
{
    // A hand-written retry loop: an endless loop, a counted attempt loop, its own cap, or its own back-off.
    [GeneratedRegex(@"while\s*\(\s*true\s*\)|for\s*\(\s*var\s+attempt\b|\bMaxAttempts\b|Task\.Delay\(\s*Random\.", RegexOptions.Multiline)]
    private static partial Regex RetryLoop();

    [Fact]
    public void No_state_change_retries_outside_the_one_policy()
    {
        // Given the app's sources
        var src = Path.Combine(AppEndpoints.RepoRoot(), "src");
        var policy = Path.Combine(src, "FamilyAid.Functions", "Storage", "Optimistic.cs");

        // When they are searched for retry loops
        var loops = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && f != policy)
            .SelectMany(f => RetryLoop().Matches(File.ReadAllText(f)).Select(m => $"{Path.GetRelativePath(src, f)}: {m.Value}"))
            .ToList();

        // Then there is none: every load → decide → commit retries through Optimistic.Retry
        Assert.Empty(loops);
    }

    [Fact]
    public async Task A_try_that_does_not_lose_answers_at_once()
    {
        // Given a change that wins its first race
        var tries = new List<Attempt>();

        // When it runs
        var value = await Optimistic.Retry<string>("subject", attempt =>
        {
            tries.Add(attempt);
            return Task.FromResult<Tried<string>>("done");
        }, CancellationToken.None);

        // Then it was tried once, as the first try
        Assert.Equal("done", value);
        Assert.True(Assert.Single(tries).IsFirst);
    }

    [Fact]
    public async Task A_lost_race_is_decided_again_under_a_new_commit_id()
    {
        // Given a change that loses its first two races
        var tries = new List<Attempt>();

        // When it runs
        var value = await Optimistic.Retry<int>("subject", attempt =>
        {
            tries.Add(attempt);
            return Task.FromResult<Tried<int>>(attempt.Number < 3 ? Optimistic.Lost : attempt.Number);
        }, CancellationToken.None);

        // Then the third try's value is the answer, and each try named its commit afresh
        Assert.Equal(3, value);
        Assert.Equal([1, 2, 3], tries.Select(t => t.Number));
        Assert.Equal(3, tries.Select(t => t.CommitId).Distinct().Count());
    }

    [Fact]
    public async Task A_change_that_always_loses_gives_up_after_the_cap()
    {
        // Given a change that loses every race
        var tries = 0;

        // When it runs
        var started = TimeProvider.System.GetTimestamp();
        var error = await Assert.ThrowsAsync<ConcurrentUpdateException>(() => Optimistic.Retry<int>("Request r-1", _ =>
        {
            tries++;
            return Task.FromResult<Tried<int>>(Optimistic.Lost);
        }, CancellationToken.None));

        // Then it was tried exactly MaxAttempts times, waited at most the sum of the back-off ceilings, and says what changed
        Assert.Equal(Optimistic.MaxAttempts, tries);
        var ceiling = Enumerable.Range(1, Optimistic.MaxAttempts - 1)
            .Sum(a => Math.Min(a * Optimistic.BackOffStepMilliseconds, Optimistic.BackOffCeilingMilliseconds));
        Assert.InRange(TimeProvider.System.GetElapsedTime(started).TotalMilliseconds, 0, ceiling + 2_000);
        Assert.StartsWith("Request r-1 ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_back_off_is_jittered_below_a_ceiling_that_grows_then_stops()
    {
        foreach (var attempt in Enumerable.Range(1, Optimistic.MaxAttempts))
        {
            // Given a try that lost
            var ceiling = Math.Min(attempt * Optimistic.BackOffStepMilliseconds, Optimistic.BackOffCeilingMilliseconds);

            // When its waits are drawn
            var waits = Enumerable.Range(0, 200).Select(_ => Optimistic.BackOff(attempt).TotalMilliseconds).ToList();

            // Then each is at least 1 ms and at most the try's ceiling, and they differ (so colliding writers spread out)
            Assert.All(waits, w => Assert.InRange(w, 1, ceiling));
            Assert.True(waits.Distinct().Count() > 1, $"try {attempt}: every wait was {waits[0]} ms");
        }
    }
}
