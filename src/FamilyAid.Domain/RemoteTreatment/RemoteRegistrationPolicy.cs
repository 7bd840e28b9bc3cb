using System.Collections.Frozen;
using System.Collections.Immutable;

namespace FamilyAid.Domain.RemoteTreatment;

/// <summary>One region's rules for 异地就医备案, as data (kept apart from the family-sharing <c>RegionPolicy</c>).</summary>
/// <param name="AcceptsCommitment">承诺制: a filing proven by the person's commitment is active at once; otherwise every
/// filing waits for a reviewer of the region.</param>
/// <param name="AcceptedDocuments">The proof documents the region's reviewers accept; none means no filing by documents.</param>
/// <param name="BackFilingDays">补办: how many days in the past a start date may lie (a stay already begun).</param>
/// <param name="AdvanceDays">How many days ahead a start date may lie.</param>
/// <param name="TemporaryRatioReductionPoints">How many percentage points lower the pooled fund reimburses under a
/// temporary registration (this ledger moves only personal-account money, so it is kept as data, shown, not applied).</param>
public sealed record RemoteRegistrationPolicy(
    string Region,
    bool AcceptsCommitment,
    ImmutableArray<ProofDocument> AcceptedDocuments,
    int BackFilingDays = 30,
    int AdvanceDays = 180,
    int TemporaryRatioReductionPoints = 10)
{
    private static readonly ImmutableArray<ProofDocument> AllDocuments =
        [ProofDocument.ResidenceProof, ProofDocument.WorkProof, ProofDocument.ReferralCertificate];

    /// <summary>Where no region says otherwise: 承诺制 and every document (医保发〔2022〕22号).</summary>
    public static readonly RemoteRegistrationPolicy Default = new("default", AcceptsCommitment: true, AllDocuments);

    /// <summary>Guangdong: documents checked by the agency, as its family-sharing rules do.</summary>
    public static readonly RemoteRegistrationPolicy Guangdong = new("guangdong", AcceptsCommitment: false, AllDocuments);

    /// <summary>Gansu: 承诺制.</summary>
    public static readonly RemoteRegistrationPolicy Gansu = Default with { Region = "gansu" };

    /// <summary>The national platform: 承诺制.</summary>
    public static readonly RemoteRegistrationPolicy National = Default with { Region = "national" };

    private static readonly FrozenDictionary<string, RemoteRegistrationPolicy> All =
        new[] { Guangdong, Gansu, National }.ToFrozenDictionary(p => p.Region, StringComparer.Ordinal);

    /// <summary>The rules of <paramref name="region"/> (an insured person's region), or <see cref="Default"/>.</summary>
    public static RemoteRegistrationPolicy For(string? region) =>
        region is not null && All.TryGetValue(region, out var policy) ? policy : Default;
}
