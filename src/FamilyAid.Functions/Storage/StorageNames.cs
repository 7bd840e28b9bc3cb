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

    /// <summary>Durable timers by due hour.</summary>
    public const string TimersTable = "Timers";

    /// <summary>Requests waiting for review, per region, oldest first.</summary>
    public const string ReviewQueueTable = "ReviewQueue";

    /// <summary>Face-check session → request.</summary>
    public const string FaceCheckSessionsTable = "FaceCheckSessions";

    /// <summary>Notifications per recipient (the local notification adapter).</summary>
    public const string NotificationsTable = "Notifications";

    /// <summary>Accounts: balance row, entries and idempotency rows per account (partition = account).</summary>
    public const string AccountsTable = "Accounts";

    /// <summary>Money movements (settlements, transfers): the saga state per movement, and the index of unfinished ones.</summary>
    public const string MovementsTable = "Movements";

    /// <summary>Issued payment codes (展码) by code id.</summary>
    public const string PaymentCodesTable = "PaymentCodes";

    /// <summary>Proxy actions (亲情账户) per member: what was done in their name, newest first.</summary>
    public const string ProxyActionsTable = "ProxyActions";
    /// <summary>Designated institutions (定点医药机构) by institution id.</summary>
    public const string InstitutionsTable = "Institutions";

    /// <summary>Remote-treatment registrations (异地就医备案) per person, with id and review-queue pointers.</summary>
    public const string RemoteRegistrationsTable = "RemoteRegistrations";

    /// <summary>Reconciliation (对账): per institution and China day, one row per settlement and per refund.</summary>
    public const string ReconciliationTable = "Reconciliation";

    /// <summary>The queue of binding effects (activities).</summary>
    public const string EffectsQueue = "binding-effects";

    /// <summary>Blob leases that keep each timer function to one instance.</summary>
    public const string LocksContainer = "locks";

    /// <summary>Private container for binding documents.</summary>
    public const string DocumentsContainer = "documents";
}
