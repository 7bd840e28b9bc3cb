using FamilyAid.Domain.Policy;

namespace FamilyAid.Domain.Bindings;

/// <summary>Something a caller asks of a binding request.</summary>
public abstract record BindingCommand;

/// <summary>Open a new request (the authorizer).</summary>
/// <param name="BindingId">The new request's id, made by the caller of the decider.</param>
/// <param name="AuthorizerId">The caller.</param>
/// <param name="MemberName">The name the authorizer typed; must match the insured record.</param>
/// <param name="MemberIdMasked">The member's masked resident ID, for display.</param>
/// <param name="CommitmentConfirmed">Whether the authorizer confirmed the commitment letter in-app.</param>
public sealed record RequestBinding(
    string BindingId,
    string AuthorizerId,
    BindingKind Kind,
    RegionPolicy Policy,
    Relation Relation,
    string MemberName,
    string MemberIdMasked,
    bool CommitmentConfirmed,
    IntakeFacts Facts) : BindingCommand;

/// <summary>Record an uploaded document (stored already; the event points at it).</summary>
public sealed record RecordDocument(DocumentType Type, UploadedDocument Document) : BindingCommand;

/// <summary>Hand the request in.</summary>
public sealed record SubmitBinding : BindingCommand;

/// <summary>Withdraw the request (the authorizer).</summary>
public sealed record CancelBinding : BindingCommand;
