using Azure.Data.Tables;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Bindings.FaceCheck;

/// <summary>Face-check session id → request id, written before the session is recorded on the request, so a callback can find it.</summary>
public sealed class FaceCheckSessions(Tables tables)
{
    private const string Row = "session";

    /// <summary>Remembers which request a session belongs to.</summary>
    public Task Remember(string sessionId, string bindingId, CancellationToken ct) =>
        tables.FaceCheckSessions.UpsertEntityAsync(new TableEntity(Keys.Hash(sessionId), Row) { ["BindingId"] = bindingId }, TableUpdateMode.Replace, ct);

    /// <summary>The request of a session, or null for a session FamilyAid never opened.</summary>
    public async Task<string?> BindingOf(string sessionId, CancellationToken ct)
    {
        var found = await tables.FaceCheckSessions.GetEntityIfExistsAsync<TableEntity>(Keys.Hash(sessionId), Row, cancellationToken: ct);
        return found.HasValue ? found.Value!.GetString("BindingId") : null;
    }
}
