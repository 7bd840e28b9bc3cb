using FamilyAid.Functions.Ledger;

namespace FamilyAid.Functions.Insured;

/// <summary>A personal account opens at the figure the insured record carries, less an adjustment it still owes the
/// ledger (<see cref="InsuredRecord.OpeningFen"/>).</summary>
public sealed class InsuredOpeningBalances(InsuredStore insured) : IOpeningBalances
{
    /// <inheritdoc />
    public async Task<long?> OpeningFen(string personId, CancellationToken ct) =>
        (await insured.Get(personId, ct))?.OpeningFen;
}
