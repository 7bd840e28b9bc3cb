using System.Collections.Frozen;
using System.Reflection;

namespace FamilyAid.Functions.Web;

/// <summary>The pages the app serves itself (the reviewer console, the applicant's page): plain files embedded in the
/// assembly under <c>Web/Sites/&lt;site&gt;/</c>, with the modules every site shares under <c>/api/&lt;site&gt;/shared/</c>.</summary>
/// <remarks>Embedded rather than copied: the page and the API it calls ship as one assembly, so they cannot drift apart
/// in a deployment, and only names known at build time are served (no file-system path is ever built from a URL).</remarks>
public sealed class StaticSite
{
    private const string Prefix = "site/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".json"] = "application/json; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, byte[]> files;

    /// <summary>Reads every embedded site file once.</summary>
    public StaticSite()
    {
        var assembly = typeof(StaticSite).Assembly;
        files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(n => n[Prefix.Length..].Replace('\\', '/'), n => Read(assembly, n), StringComparer.Ordinal);
    }

    /// <summary>The file of <paramref name="site"/> at <paramref name="path"/> (empty: its index.html), or null.</summary>
    public (byte[] Bytes, string ContentType)? Find(string site, string? path)
    {
        var relative = string.IsNullOrEmpty(path) ? "index.html" : path;
        var key = relative.StartsWith("shared/", StringComparison.Ordinal) ? relative : $"{site}/{relative}";
        return files.TryGetValue(key, out var bytes) && ContentTypes.TryGetValue(Path.GetExtension(key), out var type)
            ? (bytes, type)
            : null;
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
