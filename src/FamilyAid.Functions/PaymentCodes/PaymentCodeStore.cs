using Azure;
using Azure.Data.Tables;
using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.PaymentCodes;

/// <summary>The single use of payment codes: a code is used by inserting its one row (partition and row key = code id), which names
/// the settlement; the insert fails when the row exists, so two settlements can never both use one code. Issuing stores
/// nothing (the code carries its grant sealed inside it, <see cref="PaymentCodeSigner"/>).</summary>
public sealed class PaymentCodeStore(Tables tables)
{
    // The row key is the code id again, not one fixed word: Azurite looks a point operation up by row key and then walks
    // every row sharing it, so a fixed word would slow every use as codes pile up (docs/BENCHMARKS.md, "Same-size raw");
    // on Azure it makes no difference. Rows written before codes were self-contained ("code") are only ever swept.

    /// <summary>The settlement that used the code with this id, or null when none has.</summary>
    public async Task<string?> UsedBy(string codeId, CancellationToken ct)
    {
        var found = await tables.PaymentCodes.GetEntityIfExistsAsync<TableEntity>(codeId, codeId, select: ["UsedBy"], cancellationToken: ct);
        return found.HasValue ? found.Value!.GetString("UsedBy") : null;
    }

    /// <summary>Deletes the rows of up to <paramref name="take"/> used codes that expired before <paramref name="expiredBefore"/>; returns
    /// how many went.</summary>
    public async Task<int> DeleteExpired(DateTimeOffset expiredBefore, int take, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"ExpiresAt lt {expiredBefore}");
        var doomed = new List<(string CodeId, string Row)>();
        await foreach (var row in tables.PaymentCodes.QueryAsync<TableEntity>(filter, maxPerPage: take, select: ["PartitionKey", "RowKey"], cancellationToken: ct))
        {
            doomed.Add((row.PartitionKey, row.RowKey));
            if (doomed.Count == take)
            {
                break;
            }
        }

        foreach (var (codeId, row) in doomed)
        {
            try
            {
                await tables.PaymentCodes.DeleteEntityAsync(codeId, row, ETag.All, ct);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Deleted by another instance's sweep.
            }
        }

        return doomed.Count;
    }

    /// <summary>Uses <paramref name="grant"/>'s code for <paramref name="settlementId"/>: true when the code is this
    /// settlement's (used now, or by its own earlier try), false when another settlement used it first.</summary>
    public async Task<bool> Use(PaymentCodeGrant grant, string settlementId, CancellationToken ct)
    {
        if (grant.UsedBy == settlementId)
        {
            return true;
        }

        try
        {
            // ExpiresAt lets the sweep find the row a day after the code stopped working.
            await tables.PaymentCodes.AddEntityAsync(
                new TableEntity(grant.CodeId, grant.CodeId) { ["UsedBy"] = settlementId, ["ExpiresAt"] = grant.ExpiresAt }, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return await UsedBy(grant.CodeId, ct) == settlementId;
        }
    }
}
