using FamilyAid.Domain.Ledger;

namespace FamilyAid.Functions.Reconciliation;

/// <summary>What one kind of line adds up to: how many, the bills, and each kind of payer account's part.</summary>
public sealed record ReconciliationTotals(int Count, long AmountFen, long OwnAccountFen, long FamilyAccountFen, long QuotaFen, long CashFen)
{
    /// <summary>Nothing yet.</summary>
    public static readonly ReconciliationTotals None = new(0, 0, 0, 0, 0, 0);

    /// <summary>The totals of <paramref name="lines"/>.</summary>
    public static ReconciliationTotals Of(IEnumerable<ReconciliationLine> lines) =>
        lines.Aggregate(None, (t, l) => new(
            t.Count + 1, t.AmountFen + l.AmountFen, t.OwnAccountFen + l.OwnAccountFen, t.FamilyAccountFen + l.FamilyAccountFen,
            t.QuotaFen + l.QuotaFen, t.CashFen + l.CashFen));
}

/// <summary>One category's settlements and refunds of the day.</summary>
public sealed record CategoryTotals(SpendingCategory Category, ReconciliationTotals Settlements, ReconciliationTotals Refunds);

/// <summary>An institution's reconciliation of one China day: the whole day's totals (on every page), then a page of its
/// lines; <see cref="ContinuationToken"/> asks for the next page, null on the last.</summary>
public sealed record ReconciliationView(
    string InstitutionId, DateOnly Date, ReconciliationTotals Settlements, ReconciliationTotals Refunds,
    IReadOnlyList<CategoryTotals> ByCategory, IReadOnlyList<ReconciliationLine> Items, string? ContinuationToken)
{
    /// <summary>The view of the day's <paramref name="lines"/> (row key and line, in row-key order): totals of all of them,
    /// and at most <paramref name="take"/> lines after the row key <paramref name="after"/>.</summary>
    public static ReconciliationView Of(
        string institutionId, DateOnly date, IReadOnlyList<(string RowKey, ReconciliationLine Line)> lines, string? after, int take)
    {
        var all = lines.Select(l => l.Line).ToList();
        var rest = lines.Where(l => after is null || string.CompareOrdinal(l.RowKey, after) > 0).ToList();
        var page = rest.Take(take).ToList();
        return new(
            institutionId, date, Totals(all, ReconciliationKind.Settlement), Totals(all, ReconciliationKind.Refund),
            [.. all.Select(l => l.Category).Distinct().Order().Select(c => new CategoryTotals(
                c, Totals(all.Where(l => l.Category == c), ReconciliationKind.Settlement), Totals(all.Where(l => l.Category == c), ReconciliationKind.Refund)))],
            [.. page.Select(l => l.Line)], rest.Count > take ? page[^1].RowKey : null);
    }

    private static ReconciliationTotals Totals(IEnumerable<ReconciliationLine> lines, ReconciliationKind kind) =>
        ReconciliationTotals.Of(lines.Where(l => l.Kind == kind));
}
