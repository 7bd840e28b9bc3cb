using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.Premiums;

/// <summary>The problems a premium payment answers.</summary>
public static class PremiumProblems
{
    /// <summary>409: this person's premium for the scheme and year was paid before.</summary>
    public static Problem AlreadyPaid() =>
        new(409, "premium-already-paid", "This premium was paid already.", "A premium is paid once per person, scheme and year.");

    /// <summary>422: the sharer's policy version in force does not allow paying this scheme.</summary>
    public static Problem NotAllowed() =>
        new(422, "premium-not-allowed", "Your region's policy does not allow paying this premium.");

    /// <summary>422: neither the quota nor the unreserved balance holds the amount.</summary>
    public static Problem InsufficientBalance() =>
        new(422, "insufficient-balance", "Neither the quota nor your unreserved balance holds this much.", "Nothing was paid.");
}
