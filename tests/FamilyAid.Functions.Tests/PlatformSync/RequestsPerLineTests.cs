using FamilyAid.Domain.Identity;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.PlatformSync;
using Microsoft.Extensions.DependencyInjection;
using static FamilyAid.Functions.Tests.PlatformSync.ImportFiles;

namespace FamilyAid.Functions.Tests.PlatformSync;

/// <summary>What a line costs in storage requests: the import's speed is bounded by them (docs/BENCHMARKS.md).</summary>
public sealed class RequestsPerLineTests(FamilyAidApp app) : IClassFixture<FamilyAidApp>
{
    private static readonly StorageRequests Requests = new();

    private async Task<(LineOutcome Outcome, IReadOnlyList<string> Requests)> Apply(string line, int number = 1)
    {
        var today = Age.ChinaDate(app.Clock.GetUtcNow());
        var (parsed, refusal) = LineParser.Parse(number, System.Text.Encoding.UTF8.GetBytes(line), today, app.Services.GetRequiredService<PolicyBook>());
        Assert.Null(refusal);
        var outcome = LineOutcome.Refused;
        var seen = await Requests.Of(Guid.NewGuid().ToString("N"), async () =>
            (outcome, _) = await app.Services.GetRequiredService<LineApplier>().Apply("counted" + Guid.NewGuid().ToString("N")[..8], parsed!, today, CancellationToken.None));
        return (outcome, seen);
    }

    [Fact]
    public async Task A_new_person_costs_at_most_four_requests_and_an_unchanged_line_two()
    {
        // Given a person the platform has not sent before
        var someone = NewPerson();

        // When the line that creates them is applied, then the same line again
        var created = await Apply(Upsert(someone, 5_000));
        var again = await Apply(Upsert(someone, 5_000));

        // Then creating took one look-up, the index row, the person row and the account; the repeat the two reads (index, row)
        Assert.Equal(LineOutcome.Applied, created.Outcome);
        Assert.True(created.Requests.Count <= 4, string.Join(", ", created.Requests));
        Assert.Equal(LineOutcome.Unchanged, again.Outcome);
        Assert.True(again.Requests.Count <= 2, string.Join(", ", again.Requests));
    }

    [Fact]
    public async Task A_raise_costs_at_most_five_requests_a_cut_seven_and_an_end_of_insurance_six()
    {
        // Given a person on file with 5,000 fen
        var someone = NewPerson();
        Assert.Equal(LineOutcome.Applied, (await Apply(Upsert(someone, 5_000))).Outcome);

        // When the platform raises the figure, lowers it, then ends the insurance
        var raised = await Apply(Upsert(someone, 7_000), 2);
        var lowered = await Apply(Upsert(someone, 6_000), 3);
        var ended = await Apply($$"""{"op":"end-insurance","residentId":"{{someone.ResidentId}}"}""", 4);

        // Then a raise took the two reads, the person row and the posting (2); a cut also the balance and the check that the
        // raise's adjustment, still on the record, was posted; the end the person row with its ends owed, the relationships and the owed row
        Assert.Equal([LineOutcome.Applied, LineOutcome.Applied, LineOutcome.Applied], new[] { raised.Outcome, lowered.Outcome, ended.Outcome });
        Assert.True(raised.Requests.Count <= 5, string.Join(", ", raised.Requests));
        Assert.True(lowered.Requests.Count <= 7, string.Join(", ", lowered.Requests));
        Assert.True(ended.Requests.Count <= 6, string.Join(", ", ended.Requests));
    }
}
