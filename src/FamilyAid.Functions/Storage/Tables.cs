using Azure.Data.Tables;

namespace FamilyAid.Functions.Storage;

/// <summary>The app's tables, named with the configured prefix (several deployments or test runs can share one account).</summary>
public sealed class Tables(TableServiceClient service, string prefix)
{
    /// <summary>Insured persons.</summary>
    public TableClient Insured { get; } = service.GetTableClient(prefix + StorageNames.InsuredTable);

    /// <summary>Blind index → person.</summary>
    public TableClient InsuredIndex { get; } = service.GetTableClient(prefix + StorageNames.InsuredIndexTable);

    /// <summary>Binding streams.</summary>
    public TableClient Bindings { get; } = service.GetTableClient(prefix + StorageNames.BindingsTable);

    /// <summary>Per-person listing and guards.</summary>
    public TableClient PersonBindings { get; } = service.GetTableClient(prefix + StorageNames.PersonBindingsTable);

    /// <summary>Active relationships.</summary>
    public TableClient Relationships { get; } = service.GetTableClient(prefix + StorageNames.RelationshipsTable);

    /// <summary>Idempotency records.</summary>
    public TableClient Idempotency { get; } = service.GetTableClient(prefix + StorageNames.IdempotencyTable);

    /// <summary>The append-only audit trail.</summary>
    public TableClient Audit { get; } = service.GetTableClient(prefix + StorageNames.AuditTable);

    /// <summary>Durable timers.</summary>
    public TableClient Timers { get; } = service.GetTableClient(prefix + StorageNames.TimersTable);

    /// <summary>Review queues.</summary>
    public TableClient ReviewQueue { get; } = service.GetTableClient(prefix + StorageNames.ReviewQueueTable);

    /// <summary>Face-check sessions.</summary>
    public TableClient FaceCheckSessions { get; } = service.GetTableClient(prefix + StorageNames.FaceCheckSessionsTable);

    /// <summary>Notifications.</summary>
    public TableClient Notifications { get; } = service.GetTableClient(prefix + StorageNames.NotificationsTable);

    /// <summary>Account ledgers.</summary>
    public TableClient Accounts { get; } = service.GetTableClient(prefix + StorageNames.AccountsTable);

    /// <summary>Settlements and transfers.</summary>
    public TableClient Movements { get; } = service.GetTableClient(prefix + StorageNames.MovementsTable);

    /// <summary>Payment codes.</summary>
    public TableClient PaymentCodes { get; } = service.GetTableClient(prefix + StorageNames.PaymentCodesTable);

    /// <summary>Proxy actions per member.</summary>
    public TableClient ProxyActions { get; } = service.GetTableClient(prefix + StorageNames.ProxyActionsTable);

    /// <summary>Designated institutions.</summary>
    public TableClient Institutions { get; } = service.GetTableClient(prefix + StorageNames.InstitutionsTable);

    /// <summary>Remote-treatment registrations.</summary>
    public TableClient RemoteRegistrations { get; } = service.GetTableClient(prefix + StorageNames.RemoteRegistrationsTable);

    /// <summary>Reconciliation lines per institution and China day.</summary>
    public TableClient Reconciliation { get; } = service.GetTableClient(prefix + StorageNames.ReconciliationTable);

    /// <summary>Every table, for creation at start-up and for whole-store checks.</summary>
    public IReadOnlyList<TableClient> All => [Insured, InsuredIndex, Bindings, PersonBindings, Relationships, Idempotency, Audit, Timers, ReviewQueue, FaceCheckSessions, Notifications, Accounts, Movements, PaymentCodes, ProxyActions, Institutions, RemoteRegistrations, Reconciliation];
}
