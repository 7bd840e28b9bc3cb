namespace FamilyAid.Functions.Ledger;

/// <summary>A posting to an account that has no balance row yet; <see cref="AccountOpener"/> opens it.</summary>
public sealed class AccountNotOpenException(string accountId) : InvalidOperationException($"Account {accountId} is not open.")
{
    /// <summary>The account.</summary>
    public string AccountId { get; } = accountId;
}
