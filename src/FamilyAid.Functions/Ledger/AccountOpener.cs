using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Insured;

namespace FamilyAid.Functions.Ledger;

/// <summary>Opens accounts on first use: a pool empty, a personal account with the balance the insured record
/// carries (less an adjustment it still owes the ledger; see <see cref="InsuredRecord.OpeningFen"/>).</summary>
public sealed class AccountOpener(AccountLedger ledger, InsuredStore insured)
{
    /// <summary>Opens <paramref name="account"/> if it is not open; false when it belongs to nobody we know.</summary>
    public async Task<bool> Open(AccountId account, CancellationToken ct)
    {
        if (account.IsPool)
        {
            await ledger.Open(account.Value, 0, ct);
            return true;
        }

        if (await insured.Get(account.OwnerId, ct) is not { } person)
        {
            return false;
        }

        await ledger.Open(account.Value, person.OpeningFen, ct);
        return true;
    }
}
