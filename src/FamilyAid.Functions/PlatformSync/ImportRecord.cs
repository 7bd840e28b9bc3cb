namespace FamilyAid.Functions.PlatformSync;

/// <summary>Where an import stands.</summary>
public enum ImportStatus
{
    /// <summary>Waiting for a runner.</summary>
    Queued,

    /// <summary>A runner holds it, or held it and will be followed by another from its checkpoint.</summary>
    Running,

    /// <summary>Every line was read and applied or refused.</summary>
    Done,

    /// <summary>The file could not be read (gone); nothing more will happen.</summary>
    Failed,
}

/// <summary>The counts of an import so far.</summary>
public sealed record ImportCounts(long Read, long Applied, long Unchanged, long Refused)
{
    /// <summary>No line yet.</summary>
    public static readonly ImportCounts None = new(0, 0, 0, 0);

    /// <summary>These counts and <paramref name="other"/>'s.</summary>
    public ImportCounts Plus(ImportCounts other) =>
        new(Read + other.Read, Applied + other.Applied, Unchanged + other.Unchanged, Refused + other.Refused);
}

/// <summary>Where reading stopped last: every line up to <paramref name="Line"/> (ending at byte <paramref name="Offset"/>)
/// is applied or refused, and the report holds the refusals up to it.</summary>
public sealed record Checkpoint(long Line, long Offset)
{
    /// <summary>The start of the file.</summary>
    public static readonly Checkpoint Start = new(0, 0);
}

/// <summary>An import of a platform file: what it reads, how far it got, and who runs it now.</summary>
/// <param name="Blob">The file's name in the imports container.</param>
/// <param name="Source"><c>upload</c> (the admin route) or <c>drop</c> (the platform put it in the container).</param>
/// <param name="Size">The file's size in bytes.</param>
/// <param name="LeaseOwner">The runner holding the import, while <paramref name="LeaseUntil"/> is ahead.</param>
/// <param name="Version">The row's ETag: every claim and checkpoint is written under it.</param>
public sealed record ImportRecord(
    string Id, string Blob, string Source, long Size, ImportStatus Status, ImportCounts Counts, Checkpoint Checkpoint,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? LeaseOwner, DateTimeOffset? LeaseUntil,
    string? Error, string Version)
{
    /// <summary>The report of refusals, beside the file in the same container.</summary>
    public string ReportBlob => ImportStorage.ReportOf(Id);

    /// <summary>Whether another runner's claim still holds at <paramref name="now"/>.</summary>
    public bool HeldByOther(string owner, DateTimeOffset now) => LeaseOwner is not null && LeaseOwner != owner && LeaseUntil > now;
}
