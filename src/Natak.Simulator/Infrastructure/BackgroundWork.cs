using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Natak.Simulator;

/// <summary>Fire-and-forget work (jobs, webhook deliveries) that is cancelled and awaited when the simulator stops.</summary>
internal sealed class BackgroundWork(ILogger<BackgroundWork> logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    public CancellationToken Stopping => _stopping.Token;

    public void Run(Func<CancellationToken, Task> work)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        var task = Task.Run(async () =>
        {
            // A provider's own work (and its webhook) is not part of the caller's trace: the caller's context stays behind.
            System.Diagnostics.Activity.Current = null;
            try
            {
                await work(_stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                // the simulator is stopping
            }
            catch (Exception e)
            {
                // why: a bug in background work must not crash the host; jobs record their own failures
                logger.LogError(e, "Simulator background work failed");
            }
        });
        _running.TryAdd(task, 0);
        task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    /// <summary>Cancels running work and waits (briefly) for it to finish. Safe to call more than once.</summary>
    public async Task StopAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }

        try
        {
            await Task.WhenAll(_running.Keys).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // a delivery stuck in a socket; the simulator is going away regardless
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
    }
}
