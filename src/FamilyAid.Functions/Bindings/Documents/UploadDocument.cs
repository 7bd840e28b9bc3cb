using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Storage;
using Microsoft.AspNetCore.Http.Features;

namespace FamilyAid.Functions.Bindings.Documents;

/// <summary><c>PUT /api/bindings/{id}/documents/{type}</c>: the authorizer uploads one document, streamed to the private container.</summary>
public static class UploadDocument
{
    /// <summary>The function name.</summary>
    public const string Name = "UploadDocument";

    /// <summary>The answer.</summary>
    public sealed record Response(string Type, string Sha256, long Size);

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/bindings/{id}/documents/{type}", Handle).WithName(Name).WithTags("Binding requests")
            // Documented only: Accepts() would let routing refuse by Content-Type, and here the bytes decide.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new Microsoft.OpenApi.OpenApiRequestBody
                {
                    Required = true,
                    Description = "The document: JPEG, PNG or PDF, told by its content.",
                    Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType>
                    {
                        ["image/jpeg"] = Binary(), ["image/png"] = Binary(), ["application/pdf"] = Binary(),
                    },
                };
                return Task.CompletedTask;
            })
            .Produces<Response>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Upload a document of a binding request")
            .WithDescription(
                "Its authorizer sends the raw bytes of one required document. The bytes decide whether it is JPEG, PNG or PDF, not "
                + "`Content-Type`; at most `Documents__MaxBytes` (10 MiB). A document uploaded again replaces the earlier one.");

    private static Microsoft.OpenApi.OpenApiMediaType Binary() =>
        new() { Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, Format = "binary" } };

    private static async Task<IResult> Handle(
        string id, string type, HttpContext http, AuthorizerCommands commands, DocumentStore documents,
        DocumentSettings settings, TimeProvider clock, CancellationToken ct)
    {
        var (loaded, problem) = await commands.Load(id, http.GetCaller(), ct);
        if (problem is not null)
        {
            return problem.ToResult();
        }

        if (!DocumentTypes.TryParse(type, out var documentType))
        {
            return Problems.Invalid("type", $"must be one of {string.Join(", ", Enum.GetValues<Domain.Policy.DocumentType>().Select(DocumentTypes.ToWire))}").ToResult();
        }

        var limit = settings.MaxBytes;
        if (http.Request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        // Ask the rules before storing anything: a locked or unwanted document is refused unread.
        if (BindingDecider.RefuseDocument(loaded!.State, documentType) is { } refusal)
        {
            return BindingProblems.For(refusal, loaded.State).ToResult();
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit + 1;
        }

        var head = new byte[DocumentFormat.SignatureLength];
        var headLength = await http.Request.Body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        var contentType = DocumentFormat.Detect(head.AsSpan(0, headLength));
        if (contentType is null)
        {
            return new Problem(415, "unsupported-document", "Documents must be JPEG, PNG or PDF.", "The content decides, not the Content-Type header.").ToResult();
        }

        var blobName = $"{id}/{DocumentTypes.ToWire(documentType)}/{Ids.New(clock)}";
        using var metered = new MeteredStream(head.AsMemory(0, headLength), http.Request.Body, limit);
        try
        {
            await documents.Upload(blobName, metered, contentType, http.Request.ContentLength, ct);
        }
        catch (Exception e) when (e is DocumentTooLargeException || e.InnerException is DocumentTooLargeException)
        {
            // Nothing to clean up: the stream fails before the blob is committed, and staged blocks are never committed.
            return TooLarge(limit);
        }

        var stored = new UploadedDocument(blobName, metered.Sha256(), metered.Length64, contentType, clock.GetUtcNow());
        var (before, after, refused) = await commands.Execute(loaded, http.GetCaller(), new RecordDocument(documentType, stored), ct);
        if (refused is not null)
        {
            // The request moved on while the bytes were streaming.
            await documents.Delete(blobName);
            return refused.ToResult();
        }

        // An ID-card scan that was replaced is not kept (PIPL: no longer than needed). What it replaced is told from the
        // state the commit was decided on: another upload of the same type may have committed since this one loaded.
        if (before!.Documents.TryGetValue(documentType, out var replaced) && after!.Documents[documentType].BlobName != replaced.BlobName)
        {
            await documents.Delete(replaced.BlobName);
        }

        return TypedResults.Created($"/api/bindings/{id}", new Response(DocumentTypes.ToWire(documentType), stored.Sha256, stored.Size));
    }

    private static IResult TooLarge(long limit) =>
        new Problem(413, "document-too-large", "The document is too large.", $"At most {limit} bytes.").ToResult();
}
