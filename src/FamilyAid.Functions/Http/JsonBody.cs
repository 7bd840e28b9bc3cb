using System.Text.Json;

namespace FamilyAid.Functions.Http;

/// <summary>A request body read whole (bounded), with its bytes kept for idempotency hashing.</summary>
public sealed record JsonBody<T>(T Value, byte[] Raw);

/// <summary>Reads small JSON bodies: content type, size limit, strict parsing, all as problems.</summary>
public static class JsonBody
{
    /// <summary>JSON bodies in this API are small; anything larger is a mistake or an attack.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>Reads and parses the body, or says which problem it has.</summary>
    public static async Task<(JsonBody<T>? Body, Problem? Problem)> Read<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        var (raw, problem) = await ReadRaw(request, ct);
        return problem is not null ? (null, problem) : Parse<T>(raw!);
    }

    /// <summary>Reads the bytes of a JSON body (type and size checked), for a caller that must look at them before parsing.</summary>
    public static async Task<(byte[]? Raw, Problem? Problem)> ReadRaw(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, new Problem(415, "unsupported-media-type", "The body must be application/json."));
        }

        if (request.ContentLength > MaxBytes)
        {
            return (null, Problems.BodyTooLarge(MaxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return (null, Problems.BodyTooLarge(MaxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }

    /// <summary>Parses bytes read by <see cref="ReadRaw"/>.</summary>
    public static (JsonBody<T>? Body, Problem? Problem) Parse<T>(byte[] raw)
        where T : class
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(raw, Json.Options);
            return value is null
                ? (null, new Problem(400, "invalid-json", "The body must be a JSON object."))
                : (new JsonBody<T>(value, raw), null);
        }
        catch (JsonException e)
        {
            // The path says where; the message is not echoed, it may quote the input.
            return (null, new Problem(400, "invalid-json", "The body is not valid JSON for this request.",
                e.Path is null or "$" ? null : $"At {e.Path}."));
        }
    }
}
