using FamilyAid.Functions.Triggers;

namespace FamilyAid.Functions.PaymentCodes;

/// <summary>Timer function <c>SweepPaymentCodes</c>: deletes the single-use rows of used payment codes a day after the
/// codes expired, so that the table holds only rows a settlement's retry could still name.</summary>
/// <remarks>A day is far beyond any settlement's retry: a settlement records its state right after it uses its code,
/// and a resumed one reads that state, not the code. An unused code has no row: issuing stores nothing.</remarks>
public sealed partial class SweepPaymentCodes(PaymentCodeStore codes, TimeProvider clock, ILogger<SweepPaymentCodes> logger) : ITimerFunction
{
    /// <summary>How long an expired code is kept.</summary>
    public static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(1);

    /// <summary>How many codes one run deletes at most (the next run goes on).</summary>
    public const int Batch = 1000;

    /// <inheritdoc />
    public string Name => "SweepPaymentCodes";

    /// <inheritdoc />
    public async Task Run(CancellationToken ct)
    {
        var deleted = await codes.DeleteExpired(clock.GetUtcNow() - KeptAfterExpiry, Batch, ct);
        if (deleted > 0)
        {
            LogSwept(logger, deleted);
        }
    }

    [LoggerMessage(LogLevel.Information, "Deleted the rows of {Count} used payment codes expired over a day ago.")]
    private static partial void LogSwept(ILogger logger, int count);
}
