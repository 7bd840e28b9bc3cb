using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace FamilyAid.Functions.Tests.Deploy;

/// <summary>The zip scripts/package.sh builds, once for the whole class (a self-contained publish takes a minute or more).</summary>
public sealed class Package : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"familyaid-package-{Guid.NewGuid():N}");

    /// <summary>The package's path.</summary>
    public string Zip => Path.Combine(folder, "familyaid-functions.zip");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        var root = Hosting.AppEndpoints.RepoRoot();
        var info = new ProcessStartInfo(Path.Combine(root, "scripts", "package.sh"))
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Zip);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"scripts/package.sh failed:\n{await output}{await errors}");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The package has the layout the Functions host expects of a custom handler.</summary>
public sealed class PackageTests(Package package) : IClassFixture<Package>
{
    private const string Executable = "FamilyAid.Functions";

    private static readonly string FunctionsFolder = Path.Combine(Hosting.AppEndpoints.RepoRoot(), "src", "FamilyAid.Functions", "functions");

    private static JsonNode Json(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        return JsonNode.Parse(stream)!;
    }

    private static List<string> Triggers(JsonNode functionJson) =>
        functionJson["bindings"]!.AsArray().Select(b => b!["type"]!.GetValue<string>()).Where(t => t.EndsWith("Trigger", StringComparison.Ordinal)).ToList();

    [Fact]
    public void Every_function_has_its_folder_and_function_json_with_the_same_trigger_and_http_routes_sit_under_api()
    {
        // Given the package and the repository's functions
        using var zip = ZipFile.OpenRead(package.Zip);
        var sources = Directory.GetDirectories(FunctionsFolder).Select(Path.GetFileName).ToList();
        Assert.NotEmpty(sources);

        // When each function's folder is looked up at the package root
        foreach (var name in sources)
        {
            var entry = zip.GetEntry($"{name}/function.json");
            Assert.True(entry is not null, $"{name}/function.json is not in the package");

            // Then it holds that function's trigger, and an HTTP route is relative (the host puts it under routePrefix)
            var packaged = Json(entry);
            var source = JsonNode.Parse(File.ReadAllText(Path.Combine(FunctionsFolder, name!, "function.json")))!;
            Assert.Equal(Triggers(source), Triggers(packaged));
            Assert.Single(Triggers(packaged));
            foreach (var route in packaged["bindings"]!.AsArray().Select(b => b!["route"]?.GetValue<string>()).OfType<string>())
            {
                Assert.False(route.StartsWith('/') || route.StartsWith("api/", StringComparison.Ordinal), $"{name}: route {route} must be relative to routePrefix");
            }
        }

        // and host.json puts every HTTP route under /api, as the app maps them
        var host = Json(zip.GetEntry("host.json")!);
        Assert.Equal("api", host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
    }

    [Fact]
    public void Host_json_starts_the_self_contained_executable_which_keeps_its_executable_bits()
    {
        // Given the package
        using var zip = ZipFile.OpenRead(package.Zip);

        // When host.json's custom handler and the executable it names are read
        var handler = Json(zip.GetEntry("host.json")!)["customHandler"]!;
        var path = handler["description"]!["defaultExecutablePath"]!.GetValue<string>();
        var executable = zip.GetEntry(path);

        // Then HTTP is forwarded, the executable is at that path as a Linux (ELF) program, rwxr-xr-x in the zip's Unix mode
        Assert.True(handler["enableForwardingHttpRequest"]!.GetValue<bool>());
        Assert.Equal(Executable, path);
        Assert.NotNull(executable);
        var mode = (executable.ExternalAttributes >> 16) & 0x1FF;
        Assert.True(mode == 0b111_101_101, $"{path} has mode {Convert.ToString(mode, 8)} in the zip, not 755");
        using (var stream = executable.Open())
        {
            var magic = new byte[4];
            stream.ReadExactly(magic);
            Assert.Equal(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, magic);
        }

        // and the runtime travels with it (the Functions image has no .NET 10)
        Assert.NotNull(zip.GetEntry("libcoreclr.so"));
        Assert.NotNull(zip.GetEntry($"{Executable}.dll"));
        var runtimeConfig = Json(zip.GetEntry($"{Executable}.runtimeconfig.json")!);
        Assert.NotNull(runtimeConfig["runtimeOptions"]!["includedFrameworks"]);
    }

    [Fact]
    public void The_package_holds_no_symbols_xml_docs_or_web_config()
    {
        // Given the package
        using var zip = ZipFile.OpenRead(package.Zip);

        // When its entries are listed
        var unwanted = zip.Entries.Select(e => e.FullName)
            .Where(n => n.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)
                || Path.GetFileName(n).Equals("web.config", StringComparison.OrdinalIgnoreCase))
            .ToList();

        // Then none is a .pdb, an .xml or a web.config, and no local settings travel
        Assert.Empty(unwanted);
        Assert.Null(zip.GetEntry("local.settings.json"));
    }
}
