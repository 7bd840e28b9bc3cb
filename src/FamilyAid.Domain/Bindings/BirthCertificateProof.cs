namespace FamilyAid.Domain.Bindings;

/// <summary>A newborn's 出生医学证明 number given as the proof of the relation instead of the 户口本 pages.</summary>
/// <remarks>The number itself never reaches the rules or storage in clear: the edge seals it and keeps the masked form.</remarks>
/// <param name="Masked">As reviewers see it, e.g. <c>O*******56</c>.</param>
/// <param name="SealedKeyId">Which key sealed it.</param>
/// <param name="Sealed">The sealed number, opaque here: only the edge, holding the key, can open it.</param>
public sealed record BirthCertificateProof(string Masked, string SealedKeyId, string Sealed);
