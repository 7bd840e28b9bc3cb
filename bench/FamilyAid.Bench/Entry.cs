namespace FamilyAid.Bench;

/// <summary><c>dotnet run -c Release --project bench/FamilyAid.Bench -- [load|micro] [options]</c>.</summary>
/// <remarks>No top-level statements here: their generated <c>Program</c> would hide the app's <c>Program</c>,
/// which <see cref="BenchApp"/> hosts.</remarks>
internal static class Entry
{
    private static async Task<int> Main(string[] args)
    {
        // WebApplicationFactory finds the app's content root through MvcTestingAppManifest.json in the current
        // directory; `dotnet run --project` runs in the caller's directory, so run where the build put it.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var mode = args.Length == 0 || args[0].StartsWith('-') ? "load" : args[0];
        var rest = args.Length == 0 || args[0].StartsWith('-') ? args : args[1..];
        switch (mode)
        {
            case "load":
                if (!LoadOptions.TryParse(rest, out var options, out var error))
                {
                    await Console.Error.WriteLineAsync(error);
                    await Console.Error.WriteLineAsync(LoadOptions.Usage);
                    return 2;
                }

                return await LoadRun.Run(options);
            case "micro":
                return Micro.Run(rest);
            case "generate":
                return PlatformFile.Run(rest);
            case "import":
                return await ImportRun.Run(rest);
            case "help" or "-h" or "--help":
                Console.WriteLine(LoadOptions.Usage);
                return 0;
            default:
                await Console.Error.WriteLineAsync($"Unknown mode '{mode}'.");
                await Console.Error.WriteLineAsync(LoadOptions.Usage);
                return 2;
        }
    }
}
