using System.Globalization;
using FamilyAid.Domain.Policy;
using System.Text.Json.Nodes;
using FamilyAid.Functions.PolicyVersions;
using FamilyAid.Functions.Settings;
using Microsoft.Extensions.Configuration;

namespace FamilyAid.Functions.Tests.PolicyVersions;

/// <summary>The policy files: the shipped ones load, and bad data stops the start naming the file and the field.</summary>
public sealed class PolicyFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("policies-").FullName;

    public PolicyFileTests()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "policies"), "*.json"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private PolicyBook Read() =>
        PolicyFiles.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [PolicyFiles.DirectorySetting] = folder }).Build());

    /// <summary>Changes the first version of guangdong.json.</summary>
    private string Break(Action<JsonObject> change)
    {
        var path = Path.Combine(folder, "guangdong.json");
        var file = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        change(file);
        File.WriteAllText(path, file.ToJsonString());
        return path;
    }

    private static readonly string[] NationalStarts = ["2021-04-13", "2024-07-26", "2026-01-09"];

    private static JsonObject First(JsonObject file) => file["versions"]![0]!.AsObject();

    [Fact]
    public void The_shipped_files_hold_the_seed_versions_and_a_version_for_every_province()
    {
        // When the shipped files are read
        var book = Read();

        // Then guangdong 2023, gansu 2024 and national 2024 are the domain's seed rules, and every province has its 2024 widening
        foreach (var seed in RegionPolicy.All.Values)
        {
            var shipped = book.Version(seed.Version)!;
            Assert.Equal(seed.EffectiveFrom, shipped.EffectiveFrom);
            Assert.Equal(seed.AllowedRelations.Order(), shipped.AllowedRelations.Order());
            Assert.Equal(seed.RequiredDocuments.ToArray(), shipped.RequiredDocuments.ToArray());
            Assert.Equal((seed.CommitmentConfirmedInApp, seed.AgencyReview, seed.FaceCheckMinAge, seed.GroupLimit, seed.Funding, seed.ResidentPremiumCovered),
                (shipped.CommitmentConfirmedInApp, shipped.AgencyReview, shipped.FaceCheckMinAge, shipped.GroupLimit, shipped.Funding, shipped.ResidentPremiumCovered));
        }

        Assert.All(FamilyAid.Domain.Geography.Province.All, p => Assert.NotNull(book.InForce(p.Slug, new DateOnly(2024, 12, 1))));
        Assert.Equal(
            ["national-2021", "national-2024", "national-2026"],
            NationalStarts.Select(d => book.InForce("national", DateOnly.Parse(d, CultureInfo.InvariantCulture))!.Version));
    }

    public static TheoryData<string, string> BadData() => new()
    {
        { "relation", "versions[0].relations" },
        { "document", "versions[0].documents" },
        { "age", "versions[0].faceCheckMinAge -1" },
        { "order", "versions[1].effectiveFrom" },
        { "duplicate", "'guangdong-2023' is used already" },
        { "wellness", "versions[0].uses lists 'wellness'" },
        { "region", "region 'atlantis'" },
    };

    [Theory]
    [MemberData(nameof(BadData))]
    public void Bad_policy_data_is_refused_naming_the_file_and_the_field(string fault, string named)
    {
        // Given guangdong.json with one fault
        var path = Break(file =>
        {
            switch (fault)
            {
                case "relation": First(file)["relations"]!.AsArray().Add("cousin"); break;
                case "document": First(file)["documents"]!.AsArray().Add("passport"); break;
                case "age": First(file)["faceCheckMinAge"] = -1; break;
                case "order": file["versions"]![1]!["effectiveFrom"] = "2022-01-01"; break;
                case "duplicate": file["versions"]![1]!["version"] = "guangdong-2023"; break;
                case "wellness": First(file)["uses"]!.AsArray().Add("wellness"); break;
                default: file["region"] = "atlantis"; break;
            }
        });

        // When the files are read, Then the start stops with the file and the field named
        var error = Assert.Throws<SettingsException>(Read);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_does_not_start_with_a_bad_policy_file()
    {
        // Given a negative face-check age in guangdong.json
        var path = Break(file => First(file)["faceCheckMinAge"] = -1);
        using var app = new PolicyFolderApp(folder);

        // When the app starts, Then it stops with the file and the field named
        // (Program catches the SettingsException, writes its one line to stderr and exits 2, which the factory reports.)
        var stderr = new StringWriter();
        var before = Console.Error;
        Console.SetError(stderr);
        try
        {
            Assert.ThrowsAny<InvalidOperationException>(() => app.CreateClient());
        }
        finally
        {
            Console.SetError(before);
        }

        var line = stderr.ToString();
        Assert.Contains("FamilyAid cannot start: Policy file", line, StringComparison.Ordinal);
        Assert.Contains(path, line, StringComparison.Ordinal);
        Assert.Contains("versions[0].faceCheckMinAge -1", line, StringComparison.Ordinal);
    }

    private sealed class PolicyFolderApp(string folder) : PrivateApp
    {
        protected override void Adjust(Dictionary<string, string?> settings)
        {
            base.Adjust(settings);
            settings[PolicyFiles.DirectorySetting] = folder;
        }
    }
}
