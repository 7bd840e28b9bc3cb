namespace FamilyAid.Functions.Audit;

/// <summary>Who did what, to what, when. Never holds a resident ID: subjects are ids, details are codes and digests.</summary>
public sealed record AuditEntry(DateTimeOffset At, string ActorId, string ActorRole, string Action, string Subject, string? Detail);
