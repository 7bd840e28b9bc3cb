using System.Text.RegularExpressions;

namespace FamilyAid.Functions.Tests.Hosting;

/// <summary>Endpoint handlers stay parse → authorize → call → answer: short enough to read at a glance.</summary>
public sealed partial class HandlerSizeTests
{
    /// <summary>The most lines a Handle method may take, from its declaration to its closing brace.</summary>
    private const int MaxLines = 30;

    // Handlers still longer, each with why it was left for now; an entry goes once its handler fits.
    private static readonly Dictionary<string, string> Exceptions = new(StringComparer.Ordinal)
    {
        ["Bindings/Documents/UploadDocument.cs"] =
            "streams the upload (size limit, content sniffing, metering, cleanup of a replaced scan) in the handler; wants a feature service",
    };

    // A static Handle method of an endpoint class (one per endpoint file, by the house's convention).
    [GeneratedRegex(@"^(?<indent>[ ]*)(?:private|public|internal)\s+static\s+(?:async\s+)?[\w<>?]+\s+Handle\(", RegexOptions.Multiline)]
    private static partial Regex HandleDeclaration();

    [GeneratedRegex(@"\.Map(?:Get|Post|Put|Patch|Delete)\([^;]*?,\s*Handle\)")]
    private static partial Regex MappedHandle();

    private static string Source => Path.Combine(AppEndpoints.RepoRoot(), "src", "FamilyAid.Functions");

    private static IEnumerable<string> EndpointFiles() =>
        Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(f => MappedHandle().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Source, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);

    // Lines from the declaration to the closing brace at the declaration's indentation (the house's formatting puts
    // braces on their own lines), or to the last continuation line of an expression body. Text in the body (braces in
    // strings, lambdas) does not matter: only indentation is read.
    private static int Lines(string file)
    {
        var text = File.ReadAllText(Path.Combine(Source, file)).ReplaceLineEndings("\n");
        var match = Assert.Single(HandleDeclaration().Matches(text));
        var lines = text.Split('\n');
        var start = text[..match.Index].Count(c => c == '\n');
        var indent = match.Groups["indent"].Value;
        var end = start;
        while (end + 1 < lines.Length && lines[end + 1].StartsWith(indent + " ", StringComparison.Ordinal))
        {
            end++;
        }

        if (end + 1 < lines.Length && lines[end + 1] == indent + "{")
        {
            end = Array.FindIndex(lines, end + 2, l => l == indent + "}");
            Assert.True(end > 0, $"{file}: no closing brace for Handle at its indentation");
        }

        return end - start + 1;
    }

    [Fact]
    public void Every_endpoint_handler_is_at_most_30_lines_or_a_listed_exception()
    {
        // Given every endpoint file (the ones that map a route to Handle)
        var files = EndpointFiles().ToList();
        Assert.Contains("Bindings/CreateBinding.cs", files);

        // When each Handle is measured
        var sizes = files.ToDictionary(f => f, Lines);

        // Then each fits, unless it is a listed exception, and every exception is still needed
        var tooLong = sizes.Where(s => s.Value > MaxLines && !Exceptions.ContainsKey(s.Key)).Select(s => $"{s.Key}: {s.Value} lines");
        Assert.Empty(tooLong);
        var stale = Exceptions.Keys.Where(f => !sizes.TryGetValue(f, out var lines) || lines <= MaxLines);
        Assert.Empty(stale);
    }
}
