namespace FamilyAid.Functions.Workflow;

/// <summary>At start-up, finishes the effects a crashed process committed but did not do.</summary>
public sealed partial class OutboxSweep(BindingOutbox outbox, ILogger<OutboxSweep> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Storage may still be starting: try a few times, then leave it to the next start or the next drain.
        for (var attempt = 1; attempt <= 12 && !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var done = await outbox.Sweep(stoppingToken);
                if (done > 0)
                {
                    LogSwept(logger, done);
                }

                return;
            }
            catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Finished {Count} outbox effects left behind by an earlier process.")]
    private static partial void LogSwept(ILogger logger, int count);
}
