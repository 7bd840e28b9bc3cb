using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Reconciliation;

namespace FamilyAid.Bench;

/// <summary>The ledger check of reconciliation (对账): for each bench institution, the totals that
/// <c>GET /api/institutions/me/reconciliation</c> answers for every China day its settlements and refunds fall on equal
/// what the ledger posted for them: the own, family and quota legs' debits of its settlements, their refund legs'
/// credits, the bills, and cash as the rest.</summary>
internal static class ReconciliationCheck
{
    /// <summary>Count, bills, own account, family account, quota, cash (fen).</summary>
    public sealed record Totals(long Count, long AmountFen, long OwnFen, long FamilyFen, long QuotaFen, long CashFen)
    {
        public static readonly Totals None = new(0, 0, 0, 0, 0, 0);

        public Totals Plus(Totals o) => new(Count + o.Count, AmountFen + o.AmountFen, OwnFen + o.OwnFen, FamilyFen + o.FamilyFen, QuotaFen + o.QuotaFen, CashFen + o.CashFen);

        public static Totals Of(JsonNode t) => new(
            t["count"]!.GetValue<long>(), t["amountFen"]!.GetValue<long>(), t["ownAccountFen"]!.GetValue<long>(), t["familyAccountFen"]!.GetValue<long>(),
            t["quotaFen"]!.GetValue<long>(), t["cashFen"]!.GetValue<long>());

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Count} lines, {AmountFen} fen: own {OwnFen}, family {FamilyFen}, quota {QuotaFen}, cash {CashFen}");
    }

    /// <summary>One institution: the days read, what reconciliation answered and what the ledger holds, each way.</summary>
    public sealed record Institution(string Id, int Days, long Lines, Totals Settled, Totals SettledInLedger, Totals Refunded, Totals RefundedInLedger)
    {
        public bool Agrees => Settled == SettledInLedger && Refunded == RefundedInLedger && Lines == Settled.Count + Refunded.Count;
    }

    /// <param name="posted">The sum of the entries posted in an account under a posting key (0 when none).</param>
    public static async Task<IReadOnlyList<Institution>> Run(
        IReadOnlyDictionary<string, HttpClient> institutions, IReadOnlyDictionary<string, Settlement> stored, Func<string, string, long> posted, Action<string> bad)
    {
        var checkedOnes = new List<Institution>();
        foreach (var (institution, client) in institutions)
        {
            var mine = stored.Values.Where(s => s.Plan.InstitutionId == institution && s.Status is not SettlementStatus.Planned).ToList();
            var refunded = mine.Where(s => s.Status == SettlementStatus.Refunded).ToList();
            long Leg(Settlement s, AccountId? account, string leg) => account is { } a ? posted(a.Value, $"{s.Id}/{leg}") : 0;
            Totals Ledger(IEnumerable<Settlement> of, bool refund) => of.Aggregate(Totals.None, (t, s) =>
            {
                var sign = refund ? 1 : -1;
                var (own, family, quota) = (
                    sign * Leg(s, s.Plan.OwnAccount, refund ? Settlement.OwnRefundLeg : Settlement.OwnLeg),
                    sign * Leg(s, s.Plan.FamilyAccount, refund ? Settlement.FamilyRefundLeg : Settlement.FamilyLeg),
                    sign * Leg(s, s.Plan.QuotaAccount, refund ? Settlement.QuotaRefundLeg : Settlement.QuotaLeg));
                return t.Plus(new Totals(1, s.Plan.BillFen, own, family, quota, s.Plan.BillFen - own - family - quota));
            });

            // The days its lines fall on, as the app dates them: a settlement's, and a refund's own.
            var days = mine.Select(s => ReconciliationLine.Of(s with { Status = SettlementStatus.Completed })!.Date)
                .Concat(refunded.Select(s => ReconciliationLine.Of(s)!.Date)).Distinct().Order().ToList();
            var (settled, refunds, lines) = (Totals.None, Totals.None, 0L);
            foreach (var day in days)
            {
                var (s, r, n) = await Day(client, day);
                (settled, refunds, lines) = (settled.Plus(s), refunds.Plus(r), lines + n);
            }

            var result = new Institution(institution, days.Count, lines, settled, Ledger(mine, refund: false), refunds, Ledger(refunded, refund: true));
            if (!result.Agrees)
            {
                bad($"reconciliation of {institution}: settled {settled} vs ledger {result.SettledInLedger}; refunded {refunds} vs ledger {result.RefundedInLedger}; {lines} lines");
            }

            checkedOnes.Add(result);
        }

        return checkedOnes;
    }

    // One day, every page: the totals of the first page (each page carries the whole day's) and the lines of all pages.
    private static async Task<(Totals Settled, Totals Refunded, long Lines)> Day(HttpClient client, DateOnly day)
    {
        string? token = null;
        Totals? settled = null, refunded = null;
        var lines = 0L;
        do
        {
            var url = $"/api/institutions/me/reconciliation?date={day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&take=1000{(token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token))}";
            var page = await SettlementLoad.Expect(await client.GetAsync(url), HttpStatusCode.OK, "read reconciliation");
            settled ??= Totals.Of(page["settlements"]!);
            refunded ??= Totals.Of(page["refunds"]!);
            lines += page["items"]!.AsArray().Count;
            token = page["continuationToken"]?.GetValue<string>();
        }
        while (token is not null);

        return (settled, refunded!, lines);
    }
}
