using System.Globalization;
using FamilyAid.Domain.Ledger;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.PolicyVersions;

/// <summary>One policy file: a region's versions, oldest first. Region <c>*</c> gives every province in
/// <see cref="Domain.Geography.Province.All"/> without a file of its own these versions, <c>{region}</c> in an id
/// standing for the province.</summary>
public sealed record PolicyFile(string Region, IReadOnlyList<PolicyFile.Entry> Versions)
{
    /// <summary>The region code that stands for every province without a file of its own.</summary>
    public const string EveryProvince = "*";

    /// <summary>One version: its id, the China date it comes into force, where its rules come from, and the rules
    /// (<see cref="RegionPolicy"/> on the wire); also how <c>GET /api/policies/{region}</c> shows a version.</summary>
    public sealed record Entry(
        string Version,
        DateOnly EffectiveFrom,
        string Source,
        IReadOnlyList<Relation> Relations,
        IReadOnlyList<DocumentType> Documents,
        bool CommitmentInApp,
        bool AgencyReview,
        int FaceCheckMinAge,
        GroupLimit GroupLimit,
        FundingMode Funding,
        IReadOnlyList<SpendingCategory> Uses,
        IReadOnlyList<string> Premiums,
        Transfers? TransferLimits = null,
        UnverifiedMember? UnverifiedMember = null,
        CrossProvinceRule? CrossProvince = null)
    {
        /// <summary>The entry of <paramref name="policy"/>, its proof for unverified members spelled out.</summary>
        public static Entry Of(RegionPolicy policy) => new(
            policy.Version, policy.EffectiveFrom, policy.Source, [.. policy.AllowedRelations.Order()], policy.RequiredDocuments,
            policy.CommitmentConfirmedInApp, policy.AgencyReview, policy.FaceCheckMinAge, policy.GroupLimit, policy.Funding,
            [.. policy.AllowedUses.Order()], [.. PremiumSchemes.Where(p => p == "resident" ? policy.ResidentPremiumCovered : policy.LongTermCarePremiumCovered)],
            policy.TransferLimits is { } t ? new(t.PerDay, t.PerTransferFen, $"{t.QuietFrom:HH:mm}", $"{t.QuietUntil:HH:mm}") : null,
            new(policy.UnverifiedMember.Documents, policy.UnverifiedMember.NewbornUnderYears,
                [.. policy.UnverifiedMember.BirthCertificateRelations.Order()], policy.UnverifiedMember.AgencyReview),
            policy.CrossProvince);
    }

    /// <summary>Transfer limits; quiet hours as <c>HH:mm</c> China time.</summary>
    public sealed record Transfers(int PerDay, long PerTransferFen, string QuietFrom, string QuietUntil);

    /// <summary>The proof asked of a member who skips the face check (<see cref="UnverifiedMemberPolicy"/>).</summary>
    public sealed record UnverifiedMember(
        IReadOnlyList<DocumentType> Documents, int NewbornUnderYears, IReadOnlyList<Relation> BirthCertificateRelations, bool AgencyReview);

    /// <summary>The premium schemes a version may let an account pay (代缴).</summary>
    public static readonly IReadOnlyList<string> PremiumSchemes = ["resident", "long-term-care"];

    /// <summary>The versions of <paramref name="region"/>, or the first fault, named by its field.</summary>
    public (IReadOnlyList<RegionPolicy>? Versions, string? Fault) For(string region)
    {
        var versions = new List<RegionPolicy>();
        for (var i = 0; i < Versions.Count; i++)
        {
            var field = $"versions[{i}]";
            var version = Versions[i];
            if (i > 0 && version.EffectiveFrom <= Versions[i - 1].EffectiveFrom)
            {
                return (null, $"{field}.effectiveFrom {version.EffectiveFrom:yyyy-MM-dd} is not after the version before it (list versions oldest first)");
            }

            if (string.IsNullOrWhiteSpace(version.Version) || string.IsNullOrWhiteSpace(version.Source))
            {
                return (null, $"{field}.{(string.IsNullOrWhiteSpace(version.Version) ? "version" : "source")} is blank");
            }

            var (rules, fault) = PolicyRules.Read(version, region);
            if (rules is null)
            {
                return (null, $"{field}.{fault}");
            }

            versions.Add(rules);
        }

        return (versions, null);
    }

    /// <summary>Reads <c>HH:mm</c>.</summary>
    internal static TimeOnly? Time(string text) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    /// <summary>Reads a file's JSON with the wire rules (kebab-case enum names, unknown members refused).</summary>
    internal static PolicyFile Parse(string json) =>
        System.Text.Json.JsonSerializer.Deserialize<PolicyFile>(json, Json.Options) ?? throw new System.Text.Json.JsonException("The file is null.");
}
