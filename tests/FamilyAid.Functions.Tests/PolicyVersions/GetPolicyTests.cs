namespace FamilyAid.Functions.Tests.PolicyVersions;

/// <summary><c>GET /api/policies/{region}</c>: the version in force on the app's China date and those ahead, for anyone.</summary>
[Collection(AppCollection.Name)]
public sealed class GetPolicyTests(FamilyAidApp app)
{
    [Fact]
    public async Task Anyone_reads_guangdong_s_version_in_force_as_cacheable_json()
    {
        // Given the shipped policy files and the app's date, 2026-11-24 in China
        // When someone without a token asks for guangdong's policy
        var response = await app.Anonymous().GetAsync("/api/policies/guangdong");

        // Then the 2024 widening is in force (near relatives, guangdong's documents and review), nothing ahead, and caches may keep it
        await Api.Expect(response, HttpStatusCode.OK);
        var body = await Api.Json(response);
        Assert.Equal("guangdong", body["region"]!.GetValue<string>());
        Assert.Equal("guangdong-2024", body["inForce"]!["version"]!.GetValue<string>());
        Assert.Equal("2024-12-01", body["inForce"]!["effectiveFrom"]!.GetValue<string>());
        Assert.Contains("sibling", body["inForce"]!["relations"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.True(body["inForce"]!["agencyReview"]!.GetValue<bool>());
        Assert.Equal(["outpatient", "inpatient", "pharmacy", "emergency"], body["inForce"]!["uses"]!.AsArray().Select(u => u!.GetValue<string>()));
        Assert.Empty(body["upcoming"]!.AsArray());
        Assert.Equal("public, max-age=300", response.Headers.CacheControl!.ToString());
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task The_national_version_in_force_opens_sharing_across_provinces_with_the_wallet_limits()
    {
        var body = await Api.Json(await app.Anonymous().GetAsync("/api/policies/national"));

        var inForce = body["inForce"]!;
        Assert.Equal("national-2026", inForce["version"]!.GetValue<string>());
        Assert.False(inForce["crossProvince"]!["agencyReview"]!.GetValue<bool>());
        Assert.Equal(16, inForce["crossProvince"]!["faceCheckMinAge"]!.GetValue<int>());
        Assert.Equal(["resident", "long-term-care"], inForce["premiums"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(3, inForce["transferLimits"]!["perDay"]!.GetValue<int>());
        Assert.Equal(200_000, inForce["transferLimits"]!["perTransferFen"]!.GetValue<long>());
        Assert.Equal("22:00", inForce["transferLimits"]!["quietFrom"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_province_has_the_2024_widening()
    {
        foreach (var province in FamilyAid.Domain.Geography.Province.All.Where(p => p.Slug is not ("guangdong" or "gansu")))
        {
            var body = await Api.Json(await app.Anonymous().GetAsync($"/api/policies/{province.Slug}"));
            Assert.Equal($"{province.Slug}-2024", body["inForce"]!["version"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task The_same_etag_answers_304_and_an_unknown_region_is_404()
    {
        // Given the ETag of gansu's answer
        var first = await app.Anonymous().GetAsync("/api/policies/gansu");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/policies/gansu");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        // When it is asked again with that ETag, and for a region that does not exist
        var notModified = await app.Anonymous().SendAsync(again);
        var unknown = await app.Anonymous().GetAsync("/api/policies/atlantis");

        // Then nothing new is sent, and the unknown region is a 404 problem
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        await Api.ExpectProblem(unknown, HttpStatusCode.NotFound, "not-found");
    }
}
