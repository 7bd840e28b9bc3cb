using FamilyAid.Domain.Policy;

namespace FamilyAid.Functions.Bindings.Review;

/// <summary>A document as the reviewer sees it: a short-lived read-only link when it is uploaded.</summary>
public sealed record ReviewDocumentView(DocumentType Type, bool Uploaded, string? Sha256, long? Size, string? ContentType, Uri? Url, DateTimeOffset? UrlExpiresAt);
