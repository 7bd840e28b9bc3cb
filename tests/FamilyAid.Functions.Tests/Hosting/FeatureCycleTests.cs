using System.Text.RegularExpressions;

namespace FamilyAid.Functions.Tests.Hosting;

/// <summary>The app's top-level folders are its features (Bindings, Ledger, Insured, …) and its shared parts (Http,
/// Storage, Settings, …): none may depend, directly or through others, on a folder that depends on it. Hosting composes
/// them all, so nothing depends on Hosting.</summary>
public sealed partial class FeatureCycleTests
{
    // Comments say what a file means; only code is a dependency.
    [GeneratedRegex("//.*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"FamilyAid\.Functions\.(\w+)")]
    private static partial Regex FullyQualified();

    [Fact]
    public void No_folder_of_the_app_depends_on_itself_through_others()
    {
        // Given every folder's references to the others: a using or a qualified name (FamilyAid.Functions.Ledger.X), or
        // a name qualified by the folder alone (Ledger.X), which C# resolves from inside FamilyAid.Functions
        var graph = Dependencies();
        Assert.True(graph.Count >= 10, $"expected the app's folders, found {graph.Count}");

        // When the graph is searched for a cycle
        var cycle = FindCycle(graph);

        // Then there is none
        Assert.True(cycle is null, $"The folders depend on each other in a cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void The_search_finds_a_cycle_where_there_is_one()
    {
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["Bindings"] = ["Storage"], ["Storage"] = ["Http"], ["Http"] = ["Bindings"], ["Ledger"] = ["Storage"],
        };

        Assert.Equal(["Bindings", "Storage", "Http", "Bindings"], FindCycle(graph));
        Assert.Null(FindCycle(new Dictionary<string, HashSet<string>> { ["Ledger"] = ["Storage"], ["Storage"] = [] }));
    }

    private static Dictionary<string, HashSet<string>> Dependencies()
    {
        var app = Path.Combine(RepositoryRoot(), "src", "FamilyAid.Functions");
        var folders = Directory.GetDirectories(app).Select(Path.GetFileName).OfType<string>()
            .Where(d => d is not ("bin" or "obj" or "functions")).ToHashSet(StringComparer.Ordinal);
        var byFolder = folders.ToDictionary(f => f, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(app, folder), "*.cs", SearchOption.AllDirectories))
            {
                var code = LineComment().Replace(File.ReadAllText(file), "");
                var named = FullyQualified().Matches(code).Select(m => m.Groups[1].Value)
                    .Concat(folders.Where(other => Regex.IsMatch(code, $@"(?<![\w.]){other}\.[A-Z]")));
                byFolder[folder].UnionWith(named.Where(other => other != folder && folders.Contains(other)));
            }
        }

        return byFolder;
    }

    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            if (path.Contains(node))
            {
                return [.. path.Skip(path.IndexOf(node)), node];
            }

            if (!done.Add(node))
            {
                return null;
            }

            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            return null;
        }

        return graph.Keys.Order(StringComparer.Ordinal).Select(Visit).FirstOrDefault(c => c is not null);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FamilyAid.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FamilyAid.sln not found above the test's directory.");
    }
}
