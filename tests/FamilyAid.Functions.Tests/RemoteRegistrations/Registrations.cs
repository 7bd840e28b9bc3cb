using FamilyAid.Domain.Identity;

namespace FamilyAid.Functions.Tests.RemoteRegistrations;

/// <summary>Steps of the remote-registration tests.</summary>
public static class Registrations
{
    /// <summary>Today in China at the app's clock.</summary>
    public static DateOnly Today(FamilyAidApp app) => Age.ChinaDate(app.Clock.GetUtcNow());

    /// <summary>A filing body; the start date is today unless <paramref name="startInDays"/> moves it.</summary>
    public static object Body(
        FamilyAidApp app, string kind = "temporary-other", string provinceCode = "44", string cityCode = "440100", string proof = "commitment",
        int startInDays = 0, string? forPersonId = null) =>
        new { forPersonId, kind, destination = new { provinceCode, cityCode }, startDate = Today(app).AddDays(startInDays), proof };

    /// <summary><c>POST /api/remote-registrations</c> as <paramref name="caller"/>.</summary>
    public static Task<HttpResponseMessage> File(FamilyAidApp app, Person caller, object body) =>
        app.As(caller.Id).PostAsJsonAsync("/api/remote-registrations", body);

    /// <summary>Files and expects 201; returns the answer.</summary>
    public static async Task<System.Text.Json.Nodes.JsonNode> Filed(FamilyAidApp app, Person caller, object body)
    {
        var response = await File(app, caller, body);
        await Api.Expect(response, HttpStatusCode.Created);
        return await Api.Json(response);
    }

    /// <summary>The registration as <paramref name="caller"/> reads it.</summary>
    public static async Task<System.Text.Json.Nodes.JsonNode> Read(FamilyAidApp app, Person caller, string id)
    {
        var response = await app.As(caller.Id).GetAsync($"/api/remote-registrations/{id}");
        await Api.Expect(response, HttpStatusCode.OK);
        return await Api.Json(response);
    }

    public static string Id(System.Text.Json.Nodes.JsonNode registration) => registration["id"]!.GetValue<string>();

    public static string Status(System.Text.Json.Nodes.JsonNode registration) => registration["status"]!.GetValue<string>();
}
