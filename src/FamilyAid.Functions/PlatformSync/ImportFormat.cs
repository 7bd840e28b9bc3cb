namespace FamilyAid.Functions.PlatformSync;

/// <summary>How a platform file is written.</summary>
public enum ImportFormat
{
    /// <summary>JSON Lines: one JSON object a line.</summary>
    JsonLines,

    /// <summary>CSV: a header row naming the columns, then one record a line (<see cref="CsvColumns"/>).</summary>
    Csv,
}

/// <summary>A file's format, told by its name: uploads are named by their content type, dropped files by their
/// extension (<c>.csv</c>; anything else is JSON Lines).</summary>
public static class ImportFormats
{
    /// <summary>The media type of a CSV upload.</summary>
    public const string CsvMediaType = "text/csv";

    /// <summary>The format of the file named <paramref name="blobName"/>.</summary>
    public static ImportFormat Of(string blobName) =>
        blobName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ImportFormat.Csv : ImportFormat.JsonLines;

    /// <summary>The format of an upload of <paramref name="mediaType"/>, or null when it is neither.</summary>
    public static ImportFormat? OfMediaType(string? mediaType) => mediaType?.Split(';')[0].Trim().ToLowerInvariant() switch
    {
        StartImport.MediaType => ImportFormat.JsonLines,
        CsvMediaType => ImportFormat.Csv,
        _ => null,
    };

    /// <summary>The extension an uploaded file of <paramref name="format"/> is stored under.</summary>
    public static string Extension(ImportFormat format) => format == ImportFormat.Csv ? "csv" : "jsonl";
}
