using FamilyAid.Functions.Ledger;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FamilyAid.Functions.Tests.Settlements;

/// <summary>An app of its own whose saga checkpoint can be armed to crash a movement right after one leg, as a
/// process dying between two postings would. Recovery waits <see cref="RecoverySeconds"/>, longer than the
/// idempotency claim timeout, so that a test can retry before recovery would touch the movement.</summary>
public sealed class CrashingApp : PrivateApp
{
    public const int RecoverySeconds = 300;

    public CrashingCheckpoint Checkpoint { get; } = new();

    protected override void Adjust(Dictionary<string, string?> settings)
    {
        base.Adjust(settings);
        settings["Ledger:RecoverySeconds"] = RecoverySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<LegCheckpoint>(Checkpoint)));
    }
}

/// <summary>The crash a <see cref="CrashingCheckpoint"/> simulates.</summary>
public sealed class SimulatedCrashException(string movementId, string leg) : Exception($"Simulated crash of {movementId} after leg {leg}.");

/// <summary>A checkpoint that throws once, after the first leg of the armed name, whichever movement posts it.</summary>
public sealed class CrashingCheckpoint : LegCheckpoint
{
    private string? armed;
    private string? crashedMovement;

    /// <summary>The movement the last crash interrupted.</summary>
    public string? CrashedMovement => Volatile.Read(ref crashedMovement);

    /// <summary>Crash the next movement that posts a leg named <paramref name="leg"/>, right after posting it.</summary>
    public void CrashAfter(string leg) => Volatile.Write(ref armed, leg);

    /// <summary>Disarms without crashing.</summary>
    public void Disarm() => Volatile.Write(ref armed, null);

    public override Task Passed(string movementId, string leg, CancellationToken ct)
    {
        if (Volatile.Read(ref armed) is { } target && target == leg && ReferenceEquals(Interlocked.CompareExchange(ref armed, null, target), target))
        {
            Volatile.Write(ref crashedMovement, movementId);
            throw new SimulatedCrashException(movementId, leg);
        }

        return Task.CompletedTask;
    }
}
