using Azure.Storage.Queues;

namespace FamilyAid.Functions.Storage;

/// <summary>The app's queues, named with the configured prefix; messages are base64 as the Functions host expects.</summary>
public sealed class Queues(QueueServiceClient service, string prefix)
{
    /// <summary>The queue named <paramref name="name"/> (as function.json names it) under this app's prefix.</summary>
    public QueueClient Named(string name) => service.GetQueueClient(prefix + name);

    /// <summary>Binding effects.</summary>
    public QueueClient Effects => Named(StorageNames.EffectsQueue);

    /// <summary>Where messages go after too many failed tries.</summary>
    public QueueClient PoisonOf(string name) => Named(name + "-poison");
}
