using Azure.Data.Tables;
using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Reconciliation;

/// <summary>Reconciliation lines: one partition per institution and China day (<see cref="Keys.ReconciliationDay"/>),
/// one row per settlement and per refund, so that a day is read by one partition query.</summary>
public sealed class ReconciliationStore(Tables tables, PartitionWrites writes)
{
    /// <summary>Records <paramref name="line"/> of <paramref name="institutionId"/>; the same line again replaces itself
    /// with the same values (every run of a movement writes the same row).</summary>
    /// <remarks>Lines of one institution's day written at once go together in one transaction (<see cref="PartitionWrites"/>).</remarks>
    public Task Put(string institutionId, ReconciliationLine line, CancellationToken ct) =>
        ct.IsCancellationRequested ? Task.FromCanceled(ct) : writes.Write(tables.Reconciliation, new TableTransactionAction(TableTransactionActionType.UpsertReplace,
            new TableEntity(Keys.ReconciliationDay(institutionId, line.Date), Keys.ReconciliationLine(line.SettlementId, line.Kind == ReconciliationKind.Refund))
            {
                ["Kind"] = line.Kind.ToString(),
                ["SettlementId"] = line.SettlementId,
                ["At"] = line.At,
                ["Category"] = line.Category.ToString(),
                ["AmountFen"] = line.AmountFen,
                ["OwnAccountFen"] = line.OwnAccountFen,
                ["FamilyAccountFen"] = line.FamilyAccountFen,
                ["QuotaFen"] = line.QuotaFen,
                ["CashFen"] = line.CashFen,
            }));

    /// <summary>Every line of the institution's day, in row-key order, each with its row key (the paging cursor).</summary>
    public async Task<IReadOnlyList<(string RowKey, ReconciliationLine Line)>> Day(string institutionId, DateOnly date, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Keys.ReconciliationDay(institutionId, date)}");
        var lines = new List<(string, ReconciliationLine)>();
        await foreach (var row in tables.Reconciliation.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct))
        {
            lines.Add((row.RowKey, new ReconciliationLine(
                Enum.Parse<ReconciliationKind>(row.GetString("Kind")!), row.GetString("SettlementId")!, row.GetDateTimeOffset("At")!.Value,
                Enum.Parse<SpendingCategory>(row.GetString("Category")!), row.GetInt64("AmountFen") ?? 0, row.GetInt64("OwnAccountFen") ?? 0,
                row.GetInt64("FamilyAccountFen") ?? 0, row.GetInt64("QuotaFen") ?? 0, row.GetInt64("CashFen") ?? 0)));
        }

        return lines;
    }
}
