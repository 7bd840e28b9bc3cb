using System.Collections.Frozen;
using System.Collections.Immutable;
using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Policy;

/// <summary>One region's family-sharing rules as one version of its policy has them (the table in DESIGN.md); the
/// versions of every region, each from its effective date, are a <see cref="PolicyBook"/>.</summary>
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

    /// <summary>The region code of the national platform, whose versions also serve regions with none of their own.</summary>
    public const string NationalRegion = "national";

    /// <summary>The version's id, e.g. <c>guangdong-2023</c>.</summary>
    public string Version { get; init; } = Region;

    /// <summary>The China date from which the version is in force.</summary>
    public DateOnly EffectiveFrom { get; init; } = DateOnly.MinValue;

    /// <summary>Where the version's rules come from (the document, and which dates are assumed).</summary>
    public string Source { get; init; } = "";

    /// <summary>What accounts may pay for besides a relative's premium; never one of <see cref="SpendingUses.NeverCovered"/>.</summary>
    public FrozenSet<SpendingCategory> AllowedUses { get; init; } = SpendingUses.Care;

    /// <summary>Whether a relative's long-term-care insurance (长期护理保险) contribution may be paid.</summary>
    public bool LongTermCarePremiumCovered { get; init; }

    /// <summary>The limits on a sharer's transfers, or null when the region sets none.</summary>
    public TransferLimits? TransferLimits { get; init; }

    /// <summary>How a sharing request across provinces is judged, or null while the version does not allow one.</summary>
    public CrossProvinceRule? CrossProvince { get; init; }

    /// <summary>Whether accounts may pay for <paramref name="category"/> under this version: never for
    /// <see cref="SpendingUses.NeverCovered"/>, whatever the data says.</summary>
    public bool Covers(SpendingCategory category) =>
        !SpendingUses.NeverCovered.Contains(category) &&
        (category == SpendingCategory.ResidentPremium ? ResidentPremiumCovered : AllowedUses.Contains(category));

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

    /// <summary>粤医保 2023: immediate family, full documents, city agency review. The running app reads its versions from
    /// the policy files; these seeds are the same rules, for the domain's tests.</summary>
    public static readonly RegionPolicy Guangdong = new(
        "guangdong", ImmediateFamily, FullDocuments, CommitmentConfirmedInApp: false, AgencyReview: true,
        FaceCheckMinAge: 16, GroupLimit.OnePerPerson, FundingMode.Direct, ResidentPremiumCovered: true)
    {
        Version = "guangdong-2023", EffectiveFrom = new DateOnly(2023, 1, 1),
    };

    /// <summary>甘肃 2024: near relatives, commitment confirmed in-app, the face check completes the binding, a pool.</summary>
    public static readonly RegionPolicy Gansu = new(
        "gansu", NearRelatives, [], CommitmentConfirmedInApp: true, AgencyReview: false,
        FaceCheckMinAge: 16, GroupLimit.OneAsCreatorOneAsMember, FundingMode.Pool, ResidentPremiumCovered: true)
    {
        Version = "gansu-2024", EffectiveFrom = new DateOnly(2024, 1, 1),
    };

    /// <summary>The national platform: near relatives (the newer rule), documents and review as guangdong.</summary>
    public static readonly RegionPolicy National = new(
        NationalRegion, NearRelatives, FullDocuments, CommitmentConfirmedInApp: false, AgencyReview: true,
        FaceCheckMinAge: 16, GroupLimit.OnePerPerson, FundingMode.Direct, ResidentPremiumCovered: true)
    {
        Version = "national-2024", EffectiveFrom = new DateOnly(2024, 7, 26),
    };

    /// <summary>The seed versions, by region code.</summary>
    public static readonly FrozenDictionary<string, RegionPolicy> All =
        new[] { Guangdong, Gansu, National }.ToFrozenDictionary(p => p.Region, StringComparer.Ordinal);

    /// <summary>The seed version of a region code, or null when there is none (the running app asks its <see cref="PolicyBook"/>).</summary>
    public static RegionPolicy? For(string? region) =>
        region is not null && All.TryGetValue(region, out var policy) ? policy : null;
}
