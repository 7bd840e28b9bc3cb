using Azure;
using Azure.Data.Tables;
using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.PaymentCodes;

/// <summary>Issued payment codes, one row per code id; a code is used by writing the settlement's id into its row
/// under the row's ETag, so two settlements can never both use one code.</summary>
public sealed class PaymentCodeStore(Tables tables)
{
    private const string Row = "code";

    /// <summary>A code as read, with the ETag to use it under.</summary>
    public sealed record Stored(PaymentCodeGrant Grant, ETag ETag);

    /// <summary>Stores a newly issued code.</summary>
    public Task Add(PaymentCodeGrant grant, CancellationToken ct) =>
        tables.PaymentCodes.AddEntityAsync(new TableEntity(grant.CodeId, Row)
        {
            ["PersonId"] = grant.PersonId,
            ["RelationshipId"] = grant.RelationshipId,
            ["ExpiresAt"] = grant.ExpiresAt,
            ["IssuedBy"] = grant.IssuedBy,
        }, ct);

    /// <summary>The code with this id, or null.</summary>
    public async Task<Stored?> Get(string codeId, CancellationToken ct)
    {
        var found = await tables.PaymentCodes.GetEntityIfExistsAsync<TableEntity>(codeId, Row, cancellationToken: ct);
        if (!found.HasValue)
        {
            return null;
        }

        var row = found.Value!;
        return new Stored(
            new PaymentCodeGrant(row.PartitionKey, row.GetString("PersonId")!, row.GetString("RelationshipId"), row.GetDateTimeOffset("ExpiresAt")!.Value, row.GetString("UsedBy"),
                row.GetString("IssuedBy")),
            row.ETag);
    }

    /// <summary>Deletes up to <paramref name="take"/> codes that expired before <paramref name="expiredBefore"/>; returns
    /// how many went.</summary>
    public async Task<int> DeleteExpired(DateTimeOffset expiredBefore, int take, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"ExpiresAt lt {expiredBefore}");
        var doomed = new List<string>();
        await foreach (var row in tables.PaymentCodes.QueryAsync<TableEntity>(filter, maxPerPage: take, select: ["PartitionKey"], cancellationToken: ct))
        {
            doomed.Add(row.PartitionKey);
            if (doomed.Count == take)
            {
                break;
            }
        }

        foreach (var codeId in doomed)
        {
            try
            {
                await tables.PaymentCodes.DeleteEntityAsync(codeId, Row, ETag.All, ct);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Deleted by another instance's sweep.
            }
        }

        return doomed.Count;
    }

    /// <summary>Marks the code used by <paramref name="settlementId"/>; false when another settlement used it first.</summary>
    public async Task<bool> Use(Stored code, string settlementId, CancellationToken ct)
    {
        if (code.Grant.UsedBy == settlementId)
        {
            return true;
        }

        try
        {
            await tables.PaymentCodes.UpdateEntityAsync(
                new TableEntity(code.Grant.CodeId, Row) { ["UsedBy"] = settlementId }, code.ETag, TableUpdateMode.Merge, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return (await Get(code.Grant.CodeId, ct))?.Grant.UsedBy == settlementId;
        }
    }
}
