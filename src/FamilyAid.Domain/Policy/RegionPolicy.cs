using System.Collections.Frozen;
using System.Collections.Immutable;

namespace FamilyAid.Domain.Policy;

/// <summary>One region's family-sharing rules, as data (the table in DESIGN.md).</summary>
public sealed record RegionPolicy(
    string Region,
    FrozenSet<Relation> AllowedRelations,
    ImmutableArray<DocumentType> RequiredDocuments,
    bool CommitmentConfirmedInApp,
    bool AgencyReview,
    int FaceCheckMinAge,
    GroupLimit GroupLimit,
    FundingMode Funding,
    bool ResidentPremiumCovered)
{
    /// <summary>How the relation is proven for a member under <see cref="FaceCheckMinAge"/>: the same in every region
    /// unless one says otherwise.</summary>
    public UnverifiedMemberPolicy UnverifiedMember { get; init; } = UnverifiedMemberPolicy.Default;

    /// <summary>Spouse, parents, children: 国办发〔2021〕14号.</summary>
    public static readonly FrozenSet<Relation> ImmediateFamily =
        new[] { Relation.Spouse, Relation.Parent, Relation.Child }.ToFrozenSet();

    /// <summary>近亲属: the 2024 guidance widened sharing to these.</summary>
    public static readonly FrozenSet<Relation> NearRelatives = Enum.GetValues<Relation>().ToFrozenSet();

    /// <summary>ID cards of both, both 户口本 pages, signed commitment letter.</summary>
    public static readonly ImmutableArray<DocumentType> FullDocuments =
    [
        DocumentType.AuthorizerIdFront, DocumentType.AuthorizerIdBack,
        DocumentType.MemberIdFront, DocumentType.MemberIdBack,
        DocumentType.HukouHome, DocumentType.HukouMember,
        DocumentType.CommitmentLetter,
    ];

    /// <summary>粤医保 2023: immediate family, full documents, city agency review.</summary>
    public static readonly RegionPolicy Guangdong = new(
        "guangdong", ImmediateFamily, FullDocuments, CommitmentConfirmedInApp: false, AgencyReview: true,
        FaceCheckMinAge: 16, GroupLimit.OnePerPerson, FundingMode.Direct, ResidentPremiumCovered: true);

    /// <summary>甘肃 2024: near relatives, commitment confirmed in-app, the face check completes the binding, a pool.</summary>
    public static readonly RegionPolicy Gansu = new(
        "gansu", NearRelatives, [], CommitmentConfirmedInApp: true, AgencyReview: false,
        FaceCheckMinAge: 16, GroupLimit.OneAsCreatorOneAsMember, FundingMode.Pool, ResidentPremiumCovered: true);

    /// <summary>The national platform: near relatives (the newer rule), documents and review as guangdong.</summary>
    public static readonly RegionPolicy National = new(
        "national", NearRelatives, FullDocuments, CommitmentConfirmedInApp: false, AgencyReview: true,
        FaceCheckMinAge: 16, GroupLimit.OnePerPerson, FundingMode.Direct, ResidentPremiumCovered: true);

    /// <summary>Every region this build knows, by code.</summary>
    public static readonly FrozenDictionary<string, RegionPolicy> All =
        new[] { Guangdong, Gansu, National }.ToFrozenDictionary(p => p.Region, StringComparer.Ordinal);

    /// <summary>The policy for a region code, or null when the region is unknown.</summary>
    public static RegionPolicy? For(string? region) =>
        region is not null && All.TryGetValue(region, out var policy) ? policy : null;
}
