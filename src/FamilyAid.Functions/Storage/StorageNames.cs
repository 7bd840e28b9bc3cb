namespace FamilyAid.Functions.Storage;

/// <summary>Every table and container the app uses, in one place (each is prefixed with <c>Storage:Prefix</c>).</summary>
public static class StorageNames
{
    /// <summary>Insured persons by person id (resident ID sealed inside).</summary>
    public const string InsuredTable = "Insured";

    /// <summary>Blind index → person id.</summary>
    public const string InsuredIndexTable = "InsuredIndex";

    /// <summary>Binding request streams: header, events (partition = request id).</summary>
    public const string BindingsTable = "Bindings";

    /// <summary>Per person: their requests, and guards against duplicate open requests.</summary>
    public const string PersonBindingsTable = "PersonBindings";

    /// <summary>Active relationships per person.</summary>
    public const string RelationshipsTable = "Relationships";

    /// <summary>Idempotency records per caller.</summary>
    public const string IdempotencyTable = "Idempotency";

    /// <summary>Append-only audit trail per subject.</summary>
    public const string AuditTable = "Audit";

    /// <summary>Private container for binding documents.</summary>
    public const string DocumentsContainer = "documents";
}
