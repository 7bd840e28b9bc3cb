using FamilyAid.Domain.Policy;

namespace FamilyAid.Functions.Bindings;

/// <summary>Document type names as they appear in URLs and JSON (<c>member-id-front</c>).</summary>
public static class DocumentTypes
{
    private static readonly Dictionary<string, DocumentType> ByWire =
        Enum.GetValues<DocumentType>().ToDictionary(ToWire, t => t, StringComparer.Ordinal);

    /// <summary>The wire name.</summary>
    public static string ToWire(DocumentType type) => Http.Wire.Name(type);

    /// <summary>Parses a wire name.</summary>
    public static bool TryParse(string? text, out DocumentType type) => ByWire.TryGetValue(text ?? "", out type);
}
