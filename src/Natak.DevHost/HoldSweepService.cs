using Microsoft.DurableTask.Client;
using Natak.Orchestrations.Credits;

namespace Natak.DevHost;

/// <summary>The dev host's hold sweeper: the same sweep as the Functions app's timer trigger, on an interval.</summary>
internal sealed partial class HoldSweepService(IServiceProvider services, DurableTaskClient durable, IConfiguration configuration, ILogger<HoldSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Ledger:HoldSweeper:Interval", TimeSpan.FromMinutes(5));
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await HoldSweepRunner.RunAsync(services, durable, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "A hold sweep failed; the next one retries")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
