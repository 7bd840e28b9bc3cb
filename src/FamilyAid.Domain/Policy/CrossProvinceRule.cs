namespace FamilyAid.Domain.Policy;

/// <summary>How a sharing request whose member is insured in another province is judged (跨省共济, 2026-01-09 notice
/// of 国家医保局 and 财政部): documents stay those of the sharer's region; these replace its review and face-check age.</summary>
/// <param name="AgencyReview">Whether the city agency reviews such a request (the member's face check confirms it instead).</param>
/// <param name="FaceCheckMinAge">From this age the member confirms by face check; younger members prove the relation
/// (<see cref="UnverifiedMemberPolicy"/>).</param>
public sealed record CrossProvinceRule(bool AgencyReview, int FaceCheckMinAge);
