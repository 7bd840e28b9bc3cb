using System.Diagnostics;
using System.Text.Json.Nodes;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Tests.Hosting;

namespace FamilyAid.Functions.Tests.Web;

/// <summary>Errors in words: the served OpenAPI document names every problem code (Http/ProblemCatalog), and the pages'
/// shared/problems.js has a sentence for each of them and for no other.</summary>
[Collection(AppCollection.Name)]
public sealed class ProblemWordsTests(FamilyAidApp app)
{
    [Fact]
    public async Task The_served_document_names_every_code_of_the_catalog_as_the_problem_codes_enum()
    {
        // Given the served document
        // When the problem schema's code is read
        var codes = await DocumentCodes();

        // Then it is an enum of exactly the catalog's codes
        Assert.Equal(ProblemCatalog.All.Select(p => p.Code).Order(StringComparer.Ordinal), codes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_pages_explain_each_code_the_document_names_in_Chinese_and_no_code_it_does_not()
    {
        // Given the codes the served document names
        var codes = await DocumentCodes();

        // When shared/problems.js is run in node for them
        var words = await ProblemWords(codes);
        var explained = words["explained"]!.AsArray().Select(c => c!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var fallback = words["fallback"]!.GetValue<string>();

        // Then its table has each code and no other, and each sentence but the catch-all `error`'s is its own, in Chinese
        Assert.True(codes.All(explained.Contains), $"problems.js cannot explain: {string.Join(", ", codes.Where(c => !explained.Contains(c)))}");
        Assert.True(explained.All(codes.Contains), $"problems.js explains codes the API no longer has: {string.Join(", ", explained.Where(c => !codes.Contains(c)))}");
        foreach (var code in codes.Where(c => c != "error"))
        {
            var sentence = words["sentences"]![code]!.GetValue<string>();
            Assert.True(sentence != fallback && sentence.Any(c => c is >= '\u4e00' and <= '\u9fff') && sentence.EndsWith('。'), $"{code}: \"{sentence}\"");
        }

        Assert.Equal(fallback, words["sentences"]!["no-such-code"]!.GetValue<string>());
        Assert.Equal("出错了，请稍后再试。", fallback);
    }

    [Fact]
    public async Task Every_page_takes_its_sentences_from_the_one_shared_module()
    {
        // Given the pages' scripts (every site's, as embedded) and the console's module as served
        var sites = Path.Combine(AppEndpoints.RepoRoot(), "src", "FamilyAid.Functions", "Web", "Sites");
        var scripts = Directory.EnumerateFiles(sites, "*.js", SearchOption.AllDirectories)
            .Where(f => Path.GetRelativePath(sites, f) != Path.Combine("shared", "problems.js"))
            .ToDictionary(f => Path.GetRelativePath(sites, f), File.ReadAllText);
        using var served = await app.Anonymous().GetAsync("/api/console/shared/problems.js");
        var console = await app.Anonymous().GetStringAsync("/api/console/console.js");

        // When each is searched for a code used as a key (`'insufficient-balance': …`), a map of its own
        var ownMaps = scripts
            .SelectMany(s => ProblemCatalog.All.Where(p => s.Value.Contains($"'{p.Code}':", StringComparison.Ordinal)).Select(p => $"{s.Key}: {p.Code}"))
            .ToList();

        // Then none keeps one: the console imports the shared module, which is served as a script
        Assert.True(ownMaps.Count == 0, $"Explain problems in shared/problems.js only: {string.Join(", ", ownMaps)}");
        Assert.Contains("from './shared/problems.js'", console, StringComparison.Ordinal);
        await Api.Expect(served, HttpStatusCode.OK);
        Assert.Equal("text/javascript", served.Content.Headers.ContentType?.MediaType);
    }

    private async Task<List<string>> DocumentCodes()
    {
        var document = await Api.Json(await app.Anonymous().GetAsync("/api/openapi.json"));
        return document["components"]!["schemas"]!["ProblemDetails"]!["properties"]!["code"]!["enum"]!.AsArray()
            .Select(c => c!.GetValue<string>()).ToList();
    }

    /// <summary>scripts/problem-words.mjs: the table's codes, the fallback, and the sentence for each code asked (and
    /// for one no API writes).</summary>
    private static async Task<JsonNode> ProblemWords(IEnumerable<string> codes)
    {
        var info = new ProcessStartInfo("node", ["scripts/problem-words.mjs", .. codes, "no-such-code"])
        {
            WorkingDirectory = AppEndpoints.RepoRoot(), RedirectStandardOutput = true, RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        using var node = Process.Start(info)!;
        var output = await node.StandardOutput.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, await node.StandardError.ReadToEndAsync());
        return JsonNode.Parse(output)!;
    }
}
