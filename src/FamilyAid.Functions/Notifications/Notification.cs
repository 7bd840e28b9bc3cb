namespace FamilyAid.Functions.Notifications;

/// <summary>A message to a person (or to a region's reviewers) about a request; <see cref="Id"/> is its idempotency key.</summary>
public sealed record Notification(string Id, string RecipientId, string BindingId, string Template, DateTimeOffset At);
