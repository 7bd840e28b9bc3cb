using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Bindings.Workflow;

namespace FamilyAid.Functions.Bindings;

/// <summary>Loads a request for something only one kind of party may do: 404 for a caller who may not know it exists,
/// 403 for one who knows it but is not that party.</summary>
public static class BindingLookup
{
    /// <summary>The request, or the problem to answer with.</summary>
    /// <param name="forCommand">The request is loaded for a command: the header this instance holds will do
    /// (<see cref="BindingStreamStore.LoadForCommand"/>); false for a read that answers with it.</param>
    public static async Task<(LoadedBinding? Binding, Problem? Problem)> For(
        BindingStreamStore streams, string bindingId, Caller caller, BindingAccess required, string forbidden, CancellationToken ct,
        bool forCommand = false)
    {
        var loaded = forCommand ? await streams.LoadForCommand(bindingId, ct) : await streams.Load(bindingId, ct);
        var access = loaded is null ? BindingAccess.None : BindingAccessRules.Of(caller, loaded.State);
        return access == BindingAccess.None ? (null, Problems.NotFound())
            : access != required ? (null, Problems.Forbidden(forbidden))
            : (loaded, null);
    }
}
