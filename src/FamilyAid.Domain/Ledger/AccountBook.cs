using System.Collections.Immutable;

namespace FamilyAid.Domain.Ledger;

/// <summary>One account's figures as a batch of postings finds them: the balance, the part reserved for quotas, the
/// sequence of its last entry, and the quotas (共济额度) the batch's quota postings touch.</summary>
/// <param name="Quotas">The quotas read, by relationship id; a quota not named here was never set.</param>
public sealed record AccountBook(long BalanceFen, long ReservedFen, long Sequence, ImmutableDictionary<string, QuotaState> Quotas)
{
    /// <summary>A book with no quota read.</summary>
    public AccountBook(long balanceFen, long reservedFen, long sequence)
        : this(balanceFen, reservedFen, sequence, ImmutableDictionary.Create<string, QuotaState>(StringComparer.Ordinal))
    {
    }

    /// <summary>The quota <paramref name="relationshipId"/> holds (<see cref="QuotaState.None"/> when never set).</summary>
    public QuotaState QuotaOf(string relationshipId) => Quotas.GetValueOrDefault(relationshipId) ?? QuotaState.None;
}
