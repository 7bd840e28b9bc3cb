namespace FamilyAid.Functions.Triggers;

/// <summary>Whether this process runs its own triggers (no Functions host: <c>./run.sh</c>, tests), and local overrides of host.json.</summary>
/// <param name="RunLocally"><c>Triggers:Local</c>: true locally; false under the Functions host, which invokes the functions itself.</param>
/// <param name="PollInterval"><c>Triggers:PollMilliseconds</c>: idle wait between empty polls (host.json maxPollingInterval otherwise).</param>
/// <param name="VisibilityTimeout"><c>Triggers:VisibilityTimeoutSeconds</c>: how long a failed message stays hidden.</param>
/// <param name="Prefix">The storage prefix (for the lock container).</param>
public sealed record TriggerSettings(bool RunLocally, TimeSpan? PollInterval, TimeSpan? VisibilityTimeout, string Prefix);
