using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.PlatformSync;

/// <summary><c>FamilyAid.Functions token import FILE [--url URL]</c>: uploads a platform file as an admin (a local token
/// minted with the signing key) and shows a progress bar until the import is done.</summary>
public static class ImportCommand
{
    /// <summary>Usage line printed on bad arguments.</summary>
    public const string Usage = "usage: FamilyAid.Functions token import <file.jsonl> [--url http://127.0.0.1:7071]";

    /// <summary>Runs the command on the arguments after <c>token import</c>: 0 when the import is done, 1 when it failed
    /// or the upload was refused, 2 on bad arguments.</summary>
    public static async Task<int> Run(IReadOnlyList<string> args, Func<AuthSettings> auth, string defaultUrl, TextWriter output, TextWriter error)
    {
        var url = args.Count == 3 && args[1] == "--url" ? args[2] : args.Count == 1 ? defaultUrl : null;
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var baseUri) || !File.Exists(args[0]))
        {
            await error.WriteLineAsync(url is not null && args.Count > 0 && !File.Exists(args[0]) ? $"No such file: {args[0]}" : Usage);
            return TokenCommand.BadArguments;
        }

        var token = TokenCommand.Mint(auth(), ["--sub", "import-cli", "--role", "admin", "--minutes", "720"], DateTimeOffset.UtcNow);
        using var client = new HttpClient { BaseAddress = baseUri, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Import(client, args[0], output, TimeSpan.FromSeconds(1), CancellationToken.None);
    }

    /// <summary>Uploads <paramref name="path"/> with <paramref name="client"/> (an admin's) and draws the progress every
    /// <paramref name="poll"/> until the import is done or failed.</summary>
    public static async Task<int> Import(HttpClient client, string path, TextWriter output, TimeSpan poll, CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        using var content = new StreamContent(file, 1024 * 1024);
        // A .csv file goes as CSV (its header row first), anything else as JSON Lines.
        content.Headers.ContentType = new MediaTypeHeaderValue(
            ImportFormats.Of(path) == ImportFormat.Csv ? ImportFormats.CsvMediaType : StartImport.MediaType);
        using var response = await client.PostAsync(new Uri("api/admin/imports", UriKind.Relative), content, ct);
        if (response.StatusCode != System.Net.HttpStatusCode.Accepted)
        {
            await output.WriteLineAsync($"Refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            return 1;
        }

        var id = JsonSerializer.Deserialize<StartImport.Response>(await response.Content.ReadAsStringAsync(ct), Json.Options)!.Id;
        await output.WriteLineAsync($"Import {id}: uploaded {file.Length:N0} bytes.");
        ImportView view;
        do
        {
            await Task.Delay(poll, ct);
            view = JsonSerializer.Deserialize<ImportView>(await client.GetStringAsync(new Uri($"api/admin/imports/{id}", UriKind.Relative), ct), Json.Options)!;
            await output.WriteAsync("\r" + Bar(view));
        }
        while (view.Status is not (ImportStatus.Done or ImportStatus.Failed));

        await output.WriteLineAsync();
        await output.WriteLineAsync(view.Status == ImportStatus.Done
            ? $"Done. Refusals, if any, are in the imports container at {view.Report}."
            : $"Failed: {view.Error}");
        return view.Status == ImportStatus.Done ? 0 : 1;
    }

    /// <summary>One line: a bar of the bytes read, the counts, the rate and the expected end.</summary>
    public static string Bar(ImportView view)
    {
        const int width = 30;
        var share = view.Status == ImportStatus.Done ? 1 : view.BytesTotal > 0 ? Math.Clamp((double)view.BytesRead / view.BytesTotal, 0, 1) : 0;
        var filled = (int)Math.Round(share * width);
        var rate = view.RatePerSecond is { } r ? $" {r.ToString("N0", CultureInfo.InvariantCulture)}/s" : "";
        var end = view.Status == ImportStatus.Running && view.ExpectedEnd is { } at ? $" ETA {at.ToLocalTime():HH:mm:ss}" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('-', width - filled)}] {share * 100,3:F0}% {Wire.Name(view.Status)}: {view.Read:N0} read, {view.Applied:N0} applied, "
            + $"{view.Unchanged:N0} unchanged, {view.Refused:N0} refused{rate}{end}   ");
    }
}
