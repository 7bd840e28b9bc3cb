namespace FamilyAid.Functions.PlatformSync;

/// <summary>An import as <c>GET /api/admin/imports/{id}</c> shows it.</summary>
/// <param name="RatePerSecond">Lines read per second since it started (until it finished); null before any.</param>
/// <param name="ExpectedEnd">When it should be done at the rate the file's bytes are read so far; when done, when it ended.</param>
/// <param name="Report">The report of refusals in the imports container (one JSON line each: line, code, field, detail).</param>
public sealed record ImportView(
    string Id, ImportStatus Status, string Source, long Read, long Applied, long Unchanged, long Refused, long BytesRead, long BytesTotal,
    double? RatePerSecond, DateTimeOffset? ExpectedEnd, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    string Report, string? Error)
{
    /// <summary>The view of <paramref name="import"/> at <paramref name="now"/>.</summary>
    public static ImportView Of(ImportRecord import, DateTimeOffset now)
    {
        var elapsed = import.StartedAt is { } started ? (import.FinishedAt ?? now) - started : TimeSpan.Zero;
        var seconds = elapsed.TotalSeconds;
        var offset = import.Checkpoint.Offset;
        var end = import.Status switch
        {
            ImportStatus.Done or ImportStatus.Failed => import.FinishedAt,
            _ when seconds > 0 && offset > 0 => now + TimeSpan.FromSeconds((import.Size - offset) * seconds / offset),
            _ => (DateTimeOffset?)null,
        };
        return new ImportView(
            import.Id, import.Status, import.Source, import.Counts.Read, import.Counts.Applied, import.Counts.Unchanged, import.Counts.Refused,
            offset, import.Size, seconds > 0 ? Math.Round(import.Counts.Read / seconds, 1) : null, end,
            import.CreatedAt, import.StartedAt, import.FinishedAt, import.ReportBlob, import.Error);
    }
}
