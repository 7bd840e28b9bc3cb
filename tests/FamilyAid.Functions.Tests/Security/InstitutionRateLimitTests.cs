namespace FamilyAid.Functions.Tests.Security;

/// <summary>An institution's settlement system is limited as a whole, by its own figure, and not per address.</summary>
public sealed class InstitutionRateLimitTests
{
    private static Task<HttpResponseMessage> Settle(HttpClient client, int i)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/settlements") { Content = JsonContent.Create(new { paymentCode = "x", category = "outpatient", amountFen = 0 }) };
        request.Headers.Add("Idempotency-Key", $"limit-{i}");
        return client.SendAsync(request);
    }

    [Fact]
    public async Task An_institution_is_limited_as_a_whole_by_its_own_figure_not_per_caller_or_address()
    {
        // Given 3 writes a minute per institution, 2 per caller and 2 per address
        await using var app = new ConfiguredApp(s =>
        {
            s["RateLimits:WritesPerInstitutionPerMinute"] = "3";
            s["RateLimits:WritesPerCallerPerMinute"] = "2";
            s["RateLimits:WritesPerAddressPerMinute"] = "2";
        });
        var deskA = app.As("desk-a", "institution", institution: "hospital-limit");
        var deskB = app.As("desk-b", "institution", institution: "hospital-limit");
        var otherHospital = app.As("desk-c", "institution", institution: "pharmacy-limit");

        // When one desk of a hospital writes 3 times from one address (above the per-caller and per-address figures)
        var allowed = new[] { await Settle(deskA, 1), await Settle(deskA, 2), await Settle(deskA, 3) };

        // Then all three pass the limiter (refused only for their zero amount)
        Assert.All(allowed, a => Assert.Equal(HttpStatusCode.BadRequest, a.StatusCode));

        // And the hospital's fourth write, from its other desk, is limited, while another institution goes on
        await Api.ExpectProblem(await Settle(deskB, 4), HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.Equal(HttpStatusCode.BadRequest, (await Settle(otherHospital, 5)).StatusCode);
    }
}
