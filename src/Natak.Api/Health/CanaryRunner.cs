using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Natak.Orchestrations.Canary;

namespace Natak.Api.Health;

/// <summary>
/// Runs one canary and measures its round trip. Concurrent callers share the run in flight and a result
/// younger than a few seconds, so a public deep health check cannot be used to flood the task hub.
/// </summary>
public sealed class CanaryRunner(TimeProvider time) : IDisposable
{
    private const string Ping = "health";
    private static readonly TimeSpan ReuseFor = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CanaryReport? _last;

    public async Task<CanaryReport> RunAsync(DurableTaskClient durable, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } last && time.GetUtcNow() - last.FinishedAt < ReuseFor)
            {
                return last;
            }

            _last = await RunOnceAsync(durable, timeout, cancellationToken);
            return _last;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<CanaryReport> RunOnceAsync(DurableTaskClient durable, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var instanceId = "canary-" + Guid.NewGuid().ToString("N");
        var input = CanaryInput.Default with { TimerDelay = TimeSpan.FromMilliseconds(500), EventTimeout = timeout };
        var stopwatch = Stopwatch.StartNew();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(nameof(CanaryOrchestrator), input, new StartOrchestrationOptions(instanceId), cts.Token);
            await durable.RaiseEventAsync(instanceId, CanaryOrchestrator.PingEvent, Ping, cts.Token);
            var done = await durable.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
            var completed = done.RuntimeStatus == OrchestrationRuntimeStatus.Completed;
            var ok = completed && done.ReadOutputAs<CanaryResult>() is { } result && result.Proves(input, Ping);
            var error = ok ? null : completed ? "The canary completed with results its features did not predict." : "The canary ended " + done.RuntimeStatus + ".";
            var report = new CanaryReport(instanceId, ok, stopwatch.Elapsed.TotalMilliseconds, error, time.GetUtcNow());
            await PurgeAsync(durable, instanceId, cts.Token);
            return report;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new CanaryReport(instanceId, false, stopwatch.Elapsed.TotalMilliseconds, $"The canary did not finish within {timeout.TotalSeconds:F0} s.", time.GetUtcNow());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // the backend is unreachable or refused: a failed check (503 with the other checks), not a 500
            return new CanaryReport(instanceId, false, stopwatch.Elapsed.TotalMilliseconds, "The durable backend is unreachable (" + ex.GetType().Name + ").", time.GetUtcNow());
        }
    }

    /// <summary>A canary's history is of no use once its check ended: it and its child are purged at once.</summary>
    private static async Task PurgeAsync(DurableTaskClient durable, string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            await durable.PurgeInstanceAsync(CanaryOrchestrator.ChildInstanceId(instanceId), cancellationToken);
            await durable.PurgeInstanceAsync(instanceId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The check has its answer; what is left is purged by the retention sweep (HistoryPurge).
        }
    }
}

/// <summary>The outcome of one canary run.</summary>
public sealed record CanaryReport(string InstanceId, bool Succeeded, double RoundTripMs, string? Error, DateTimeOffset FinishedAt);
