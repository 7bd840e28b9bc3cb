using System.Text.Json;

namespace FamilyAid.Functions.Http;

/// <summary>One spelling for one JSON value: object members sorted by name (ordinal), no whitespace, arrays in order,
/// strings re-escaped, numbers as written. Two bodies that parse to the same value get the same bytes.</summary>
public static class CanonicalJson
{
    /// <summary>The canonical bytes of <paramref name="json"/>, or null when it is not JSON.</summary>
    public static byte[]? From(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Write(document.RootElement, writer);
            }

            return buffer.ToArray();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Write(JsonElement element, Utf8JsonWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                // A stable sort: repeated names keep their order, so they stay distinguishable.
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(property.Value, writer);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(item, writer);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
