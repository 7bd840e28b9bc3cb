namespace FamilyAid.Domain.Bindings;

/// <summary>A stored document: where, what digest, how large.</summary>
public sealed record UploadedDocument(string BlobName, string Sha256, long Size, string ContentType, DateTimeOffset At);
