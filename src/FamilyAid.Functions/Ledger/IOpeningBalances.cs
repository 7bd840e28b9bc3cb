namespace FamilyAid.Functions.Ledger;

/// <summary>Where a personal account's opening balance comes from: the platform's figure for the person, which the
/// insured records keep (a port, so that the ledger does not depend on the feature that depends on it).</summary>
public interface IOpeningBalances
{
    /// <summary>The balance <paramref name="personId"/>'s personal account opens with, or null for nobody we know.</summary>
    Task<long?> OpeningFen(string personId, CancellationToken ct);
}
