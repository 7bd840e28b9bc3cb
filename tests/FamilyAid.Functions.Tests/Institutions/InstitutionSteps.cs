namespace FamilyAid.Functions.Tests.Institutions;

/// <summary>Records institutions through the admin route, as the provincial registry would.</summary>
public static class InstitutionSteps
{
    /// <summary>A new institution id.</summary>
    public static string NewId(string prefix = "inst") => $"{prefix}-{Guid.NewGuid():N}"[..24];

    /// <summary><c>PUT /api/admin/institutions/{id}</c>.</summary>
    public static Task<HttpResponseMessage> Put(
        FamilyAidApp app, string id, string kind = "hospital", string region = "guangdong", string cityCode = "440100",
        bool designated = true, string validFrom = "2026-01-01", string? validTo = null, string name = "广州市第一人民医院") =>
        app.Admin().PutAsJsonAsync($"/api/admin/institutions/{id}", new { name, kind, region, cityCode, designated, validFrom, validTo });

    /// <summary>Records a designated institution and returns a client for its desk.</summary>
    public static async Task<HttpClient> Desk(FamilyAidApp app, string kind = "hospital", string region = "guangdong", string cityCode = "440100")
    {
        var id = NewId(kind);
        await Api.Expect(await Put(app, id, kind, region, cityCode), HttpStatusCode.OK);
        return app.As($"{id}-desk", "institution", institution: id);
    }
}
