using FamilyAid.Domain.Ledger;

namespace FamilyAid.Functions.Ledger;

/// <summary>Opens accounts on first use: a pool empty, a personal account with its opening balance
/// (<see cref="IOpeningBalances"/>).</summary>
public sealed class AccountOpener(AccountLedger ledger, IOpeningBalances openings)
{
    /// <summary>Opens <paramref name="account"/> if it is not open; false when it belongs to nobody we know.</summary>
    public async Task<bool> Open(AccountId account, CancellationToken ct)
    {
        if (account.IsPool)
        {
            await ledger.Open(account.Value, 0, ct);
            return true;
        }

        if (await openings.OpeningFen(account.OwnerId, ct) is not { } openingFen)
        {
            return false;
        }

        await ledger.Open(account.Value, openingFen, ct);
        return true;
    }
}
