using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace FamilyAid.Functions.Tests.Settlements;

/// <summary>An app whose test server runs each request in the caller's execution context, so that
/// <see cref="StorageRequests"/> sees the requests the app makes for it.</summary>
public sealed class CountingApp : PrivateApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseTestServer(o => o.PreserveExecutionContext = true);
    }
}

/// <summary>Issue 16: a settlement through HTTP makes few storage requests, since Azurite's one core divided by them is
/// the app's throughput. Counted as the bench counts them (docs/BENCHMARKS.md).</summary>
public sealed class SettlementRequestCountTests(CountingApp app) : IClassFixture<CountingApp>
{
    /// <summary>What a settlement makes since issue 16: 9, and the reconciliation line (17 before it; 12 before the
    /// institution registry was remembered and codes were self-contained). The issue's target of 7 and why a lone
    /// settlement does not reach it: docs/BENCHMARKS.md, "Storage requests per settlement".</summary>
    private const int MostRequests = 10;

    [Fact]
    public async Task A_settlement_that_draws_on_both_accounts_makes_at_most_ten_storage_requests()
    {
        // Given a guangdong member holding 20 yuan whose authorizer holds 100 yuan, and the member's code
        var authorizer = await Api.Insured(app, personalAccountFen: 10_000);
        var member = await Api.Insured(app, personalAccountFen: 2_000);
        await Money.BindGuangdong(app, authorizer, member);
        var hospital = Money.Institution(app, Money.NewInstitution());
        // (the test client records its institution on its first request: not the settlement's work)
        await hospital.GetAsync("/api/health");
        var body = Money.Body(await Money.Code(app, member), 5_000);
        var key = Money.NewKey();

        // When a hospital settles a 50-yuan bill, every storage request of that HTTP request counted
        Split split;
        IReadOnlyList<string> requests;
        using (var counted = StorageRequests.Start())
        {
            split = await Money.Created(await Money.Post(hospital, body, key));
            requests = counted.Seen;
        }

        // Then both accounts paid, and it took no more than the target's requests
        Assert.Equal((2_000L, 3_000L, 0L), (split.Own, split.Family, split.Cash));
        Assert.True(requests.Count <= MostRequests, $"{requests.Count} storage requests: {string.Join(", ", requests)}");

        // And a retry still replays the same answer
        Assert.Equal(split, await Money.Created(await Money.Post(hospital, body, key)));
    }
}
