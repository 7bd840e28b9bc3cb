using System.Text.RegularExpressions;
using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.Tests.Hosting;

/// <summary>Http/ProblemCatalog is the one list of problem codes: every code the sources write is in it, with the status
/// they write it with; each code in it is written somewhere; docs/API.md names each.</summary>
public sealed partial class ProblemCatalogTests
{
    // A problem as the sources write one: `new Problem(` or a target-typed `new(`, a status (a literal, a StatusCodes
    // constant or a value named …status / …StatusCode), then the code as a literal or a `Type.Code` constant. A literal
    // with a '/' is a media type, not a code: an Answer (status, content type, body) has the same shape.
    [GeneratedRegex("""(?<![\w.])new(?:\s+Problem)?\s*\(\s*(?<status>\d{3}|StatusCodes\.Status\d{3}\w*|[\w.]*(?:status|Status|StatusCode))\s*,\s*(?:"(?<code>[^"\\/]*)"|(?<constant>[A-Z]\w*)\.Code)\s*,""")]
    private static partial Regex Written();

    // Every explicit construction, whatever its arguments: each must be one Written() reads.
    [GeneratedRegex(@"(?<![\w.])new\s+Problem\s*\(")]
    private static partial Regex Explicit();

    // A code changed on a copy would slip past the scan.
    [GeneratedRegex(@"with\s*\{[^}]*\bCode\s*=")]
    private static partial Regex CodeChanged();

    [GeneratedRegex(@"(?m)^\s*//.*$")]
    private static partial Regex CommentLine();

    [GeneratedRegex(@"^[a-z]+(-[a-z]+)*$")]
    private static partial Regex Kebab();

    [GeneratedRegex(@"\d{3}")]
    private static partial Regex StatusDigits();

    /// <summary>A problem the sources write: where, the code, and the status when it is a constant.</summary>
    private sealed record WrittenCode(string Where, string Code, int? Status);

    [Fact]
    public void Every_code_the_sources_write_is_in_the_catalog_with_the_status_they_write_it_with()
    {
        // Given every problem written in src
        var written = Scan(Sources());
        var catalog = ProblemCatalog.All.ToDictionary(p => p.Code, StringComparer.Ordinal);

        // When each is looked up in the catalog
        var unknown = written.Where(w => !catalog.ContainsKey(w.Code)).Select(w => $"{w.Code} ({w.Where})").ToList();
        var otherStatus = written
            .Where(w => catalog.TryGetValue(w.Code, out var entry) && w.Status is { } status && status != entry.Status)
            .Select(w => $"{w.Code} is {w.Status} at {w.Where}, {catalog[w.Code].Status} in the catalog").ToList();

        // Then each is there, with its status
        Assert.True(written.Count >= 60, $"expected the app's problems, found {written.Count}");
        Assert.True(unknown.Count == 0, $"Add to Http/ProblemCatalog (and shared/problems.js): {string.Join(", ", unknown)}");
        Assert.True(otherStatus.Count == 0, string.Join("\n", otherStatus));
    }

    [Fact]
    public void Every_code_in_the_catalog_is_written_by_the_sources_once_listed()
    {
        // Given the codes the sources write
        var written = Scan(Sources()).Select(w => w.Code).ToHashSet(StringComparer.Ordinal);

        // When the catalog is checked against them
        var stale = ProblemCatalog.All.Where(p => !written.Contains(p.Code)).Select(p => p.Code).ToList();
        var twice = ProblemCatalog.All.GroupBy(p => p.Code).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        // Then none is listed that nothing answers with, and none twice
        Assert.True(stale.Count == 0, $"Http/ProblemCatalog lists codes nothing writes: {string.Join(", ", stale)}");
        Assert.True(twice.Count == 0, $"Listed twice: {string.Join(", ", twice)}");
        Assert.All(ProblemCatalog.All, p => Assert.Matches(Kebab(), p.Code));
    }

    [Fact]
    public void Docs_API_md_names_every_code_in_the_catalog()
    {
        // Given docs/API.md
        var doc = File.ReadAllText(Path.Combine(AppEndpoints.RepoRoot(), "docs", "API.md"));

        // When each code is looked for as `code`
        var unnamed = ProblemCatalog.All.Where(p => !doc.Contains($"`{p.Code}`", StringComparison.Ordinal)).Select(p => p.Code).ToList();

        // Then each is there
        Assert.True(unnamed.Count == 0, $"docs/API.md does not name: {string.Join(", ", unnamed)}");
    }

    [Fact]
    public void The_scan_reads_each_way_a_problem_is_written_and_refuses_one_it_cannot_read()
    {
        // Given sources with each form (and a record of the same shape that is no problem)
        const string source = """
            // new(400, "in-a-comment", "Ignored.")
            public static Problem A() => new(422, "literal-code", "A.");
            var b = new Problem(
                StatusCodes.Status431RequestHeaderFieldsTooLarge, "headers-code", "B.");
            var c = new Problem(bad.StatusCode, "varying-code", "C.");
            var d = new(403, DesignatedInstitutionRequirement.Code, "D.");
            var e = new Answer(Status, ContentType, Body);
            var f = new(status, "application/json; charset=utf-8", body);
            """;

        // When it is scanned
        var written = Scan([("Sample.cs", source)]);

        // Then it reads four problems with their constant statuses, and refuses a code it cannot read
        Assert.Equal(
            ["literal-code 422", "headers-code 431", "varying-code ", "institution-not-designated 403"],
            written.Select(w => $"{w.Code} {w.Status}"));
        Assert.Throws<Xunit.Sdk.TrueException>(() => Scan([("Sample.cs", "var x = new Problem(400, code, \"X.\");")]));
        Assert.Throws<Xunit.Sdk.TrueException>(() => Scan([("Sample.cs", "var x = problem with { Code = \"other\" };")]));
    }

    private static List<(string Path, string Text)> Sources()
    {
        var src = Path.Combine(AppEndpoints.RepoRoot(), "src");
        return Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Select(f => (Path.GetRelativePath(src, f), File.ReadAllText(f)))
            .ToList();
    }

    private static List<WrittenCode> Scan(IEnumerable<(string Path, string Text)> sources)
    {
        var found = new List<WrittenCode>();
        foreach (var (path, text) in sources)
        {
            var code = CommentLine().Replace(text, "");
            var matches = Written().Matches(code);
            var unread = Explicit().Matches(code).Where(e => !matches.Any(m => m.Index == e.Index)).ToList();
            Assert.True(unread.Count == 0, $"{path}: a Problem whose code the scan cannot read; write the code as a literal or a `Type.Code` constant");
            Assert.True(!CodeChanged().IsMatch(code), $"{path}: a problem's code changed with `with`; write a new problem instead");
            foreach (Match m in matches)
            {
                var status = m.Groups["status"].Value;
                found.Add(new(
                    path,
                    m.Groups["code"].Success ? m.Groups["code"].Value : Constant(m.Groups["constant"].Value),
                    status.All(char.IsDigit) || status.StartsWith("StatusCodes.", StringComparison.Ordinal)
                        ? int.Parse(StatusDigits().Match(status).Value, System.Globalization.CultureInfo.InvariantCulture)
                        : null));
            }
        }

        return found;
    }

    // The value of a `Type.Code` constant of the app, read from the built type (no second copy of it here).
    private static string Constant(string type) =>
        (string)typeof(ProblemCatalog).Assembly.GetTypes().Single(t => t.Name == type)
            .GetField("Code")!.GetRawConstantValue()!;
}
