using System.Text.Json.Nodes;
using FamilyAid.Functions.PolicyVersions;

namespace FamilyAid.Functions.Tests.PolicyVersions;

/// <summary>A request keeps the version that judged it when a newer one comes into force while it is open.</summary>
public sealed class PolicyChangeTests(PolicyChangeTests.NarrowingApp app) : IClassFixture<PolicyChangeTests.NarrowingApp>
{
    /// <summary>The shipped files plus a guangdong version from 2026-12-01 that takes immediate family only.</summary>
    public sealed class NarrowingApp : PrivateApp
    {
        private readonly string folder = Directory.CreateTempSubdirectory("policies-").FullName;

        protected override void Adjust(Dictionary<string, string?> settings)
        {
            base.Adjust(settings);
            foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "policies"), "*.json"))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
            }

            var path = Path.Combine(folder, "guangdong.json");
            var guangdong = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            var narrowed = guangdong["versions"]![0]!.DeepClone().AsObject();
            narrowed["version"] = "guangdong-2026-12";
            narrowed["effectiveFrom"] = "2026-12-01";
            guangdong["versions"]!.AsArray().Add(narrowed);
            File.WriteAllText(path, guangdong.ToJsonString());
            settings[PolicyFiles.DirectorySetting] = folder;
        }
    }

    [Fact]
    public async Task An_open_request_keeps_its_version_and_a_new_one_is_judged_by_the_new_version()
    {
        // Given a guangdong sibling request opened on 2026-11-24 under guangdong-2024 (near relatives), its documents in
        var sharer = await Api.Insured(app, region: "guangdong");
        var sibling = await Api.Insured(app, region: "guangdong", insuranceType: "resident");
        var upcoming = await Api.Json(await app.Anonymous().GetAsync("/api/policies/guangdong"));
        var id = await Api.CreateBinding(app, sharer, sibling, relation: "sibling");
        await Api.UploadAll(app, sharer, id);

        // When guangdong-2026-12 (immediate family only) comes into force, the request is submitted, and another sibling is asked for
        app.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        var submitted = await app.As(sharer.Id).PostAsync($"/api/bindings/{id}/submit", null);
        var otherSharer = await Api.Insured(app, region: "guangdong");
        var refused = await app.As(otherSharer.Id).PostAsJsonAsync("/api/bindings", Api.BindingBody(sibling, relation: "sibling"));

        // Then the open request goes on under guangdong-2024, and the new one is refused under the new version
        Assert.Equal("guangdong-2026-12", upcoming["upcoming"]![0]!["version"]!.GetValue<string>());
        await Api.Expect(submitted, HttpStatusCode.Accepted);
        var view = await Api.Json(await app.As(sharer.Id).GetAsync($"/api/bindings/{id}"));
        Assert.Equal(("guangdong-2024", "in-review"), (view["policyVersion"]!.GetValue<string>(), view["status"]!.GetValue<string>()));
        await Api.ExpectProblem(refused, HttpStatusCode.UnprocessableEntity, "relation-not-allowed");
    }
}
