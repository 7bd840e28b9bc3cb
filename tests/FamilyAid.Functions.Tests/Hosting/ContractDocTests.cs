using System.Text.RegularExpressions;

namespace FamilyAid.Functions.Tests.Hosting;

/// <summary>docs/API.md is the contract as built: every route the app serves under /api has its row there, and every
/// row there is a route the app serves.</summary>
[Collection(AppCollection.Name)]
public sealed partial class ContractDocTests(FamilyAidApp app)
{
    private static readonly string ApiDoc = Path.Combine(AppEndpoints.RepoRoot(), "docs", "API.md");

    // A route's row: a table row that starts with `METHOD /api/...` (prose and the "Not built yet" list do not count).
    [GeneratedRegex(@"^\|\s*`(?<method>GET|POST|PUT|PATCH|DELETE|HEAD) (?<route>/api/[^`\s?]*)[^`]*`", RegexOptions.Multiline)]
    private static partial Regex RouteRow();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Placeholder();

    // {id}, {bindingId}, {*path} and {**slug} all name one segment or the rest: compare the shape, not the name.
    private static string Normalize(string method, string route) =>
        $"{method.ToUpperInvariant()} {Placeholder().Replace(route, "{}").TrimEnd('/')}";

    private static HashSet<string> Documented() =>
        RouteRow().Matches(File.ReadAllText(ApiDoc))
            .Select(m => Normalize(m.Groups["method"].Value, m.Groups["route"].Value))
            .ToHashSet(StringComparer.Ordinal);

    private List<string> Served() =>
        AppEndpoints.All(app)
            .SelectMany(e => (e.Methods.Count == 0 ? ["GET"] : e.Methods).Select(method => Normalize(method, e.Route)))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void Every_route_the_app_serves_under_api_has_its_row_in_docs_API_md()
    {
        // Given the routes the app maps under /api and the route rows of docs/API.md
        var documented = Documented();

        // When each served route is looked up by method and route template
        var missing = Served().Where(route => !documented.Contains(route)).ToList();

        // Then none is missing
        Assert.True(missing.Count == 0, $"docs/API.md has no row for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_route_row_in_docs_API_md_is_a_route_the_app_serves()
    {
        // Given the routes the app maps under /api
        var served = Served().ToHashSet(StringComparer.Ordinal);

        // When the route rows of docs/API.md are checked against them
        var stale = Documented().Where(route => !served.Contains(route)).Order(StringComparer.Ordinal).ToList();

        // Then every row describes something the build serves (what is not built is listed apart, not as a row)
        Assert.True(stale.Count == 0, $"docs/API.md has rows for routes the app does not serve: {string.Join(", ", stale)}");
    }
}
