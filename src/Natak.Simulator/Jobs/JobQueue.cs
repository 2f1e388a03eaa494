using Microsoft.Extensions.Logging;

namespace Natak.Simulator;

/// <summary>
/// Runs jobs like a provider queue: each (provider, API key) lane runs at most <see cref="SimulatorControl.ConcurrencyLimit"/>
/// jobs at once, the rest wait IN_QUEUE in order. A started job spends <see cref="SimulatorControl.QueueTime"/> in the
/// queue, then its model's latency IN_PROGRESS, then completes and its webhook (if any) is sent.
/// </summary>
internal sealed class JobQueue
{
    /// <summary>fal keeps queue results about an hour; completed jobs older than that are forgotten.</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<(SimulatorProvider, string), SimJob> _jobs = [];
    private readonly Dictionary<(SimulatorProvider, string), Lane> _lanes = [];
    private readonly SimulatorControl _control;
    private readonly MediaFactory _media;
    private readonly WebhookDispatcher _webhooks;
    private readonly BackgroundWork _background;
    private readonly TimeProvider _time;
    private readonly ILogger<JobQueue> _logger;

    public JobQueue(SimulatorControl control, MediaFactory media, WebhookDispatcher webhooks, BackgroundWork background, TimeProvider time, ILogger<JobQueue> logger)
    {
        _control = control;
        _media = media;
        _webhooks = webhooks;
        _background = background;
        _time = time;
        _logger = logger;
        _control.ConcurrencyLimitChanged += PumpAll;
    }

    public void Submit(SimJob job)
    {
        lock (_gate)
        {
            Prune();
            _jobs[(job.Provider, job.Id)] = job;
            LaneOf(job).Waiting.AddLast(job);
            Log(job, "Request queued.");
        }

        if (job.StartDeadline is { } deadline)
        {
            _background.Run(async stopping =>
            {
                await Task.Delay(deadline - _time.GetUtcNow() is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero, _time, stopping);
                ExpireIfWaiting(job);
            });
        }

        Pump(job.Lane);
    }

    public SimJob? Find(SimulatorProvider provider, string id)
    {
        lock (_gate)
        {
            return _jobs.GetValueOrDefault((provider, id));
        }
    }

    public JobSnapshot Snapshot(SimJob job)
    {
        lock (_gate)
        {
            var position = 0;
            if (!job.HasSlot && job.State == JobState.Queued)
            {
                var node = LaneOf(job).Waiting.First;
                while (node is not null && node.Value != job)
                {
                    position++;
                    node = node.Next;
                }
            }

            return new JobSnapshot(job.State, position, [.. job.Logs], job.Outcome, job.StartedAt, job.CompletedAt);
        }
    }

    public CancelResult Cancel(SimJob job)
    {
        bool wasWaiting;
        lock (_gate)
        {
            if (job.State == JobState.Completed)
            {
                return CancelResult.AlreadyCompleted;
            }

            job.CancelRequested = true;
            wasWaiting = LaneOf(job).Waiting.Remove(job);
            Log(job, "Cancellation requested.");
        }

        if (wasWaiting)
        {
            Complete(job, JobOutcome.Cancelled());
        }
        else
        {
            job.Cancellation.Cancel();
        }

        return CancelResult.CancellationRequested;
    }

    private void ExpireIfWaiting(SimJob job)
    {
        lock (_gate)
        {
            if (job.State != JobState.Queued || !LaneOf(job).Waiting.Remove(job))
            {
                return;
            }
        }

        Complete(job, JobOutcome.StartTimeout());
    }

    private void PumpAll()
    {
        List<(SimulatorProvider, string)> lanes;
        lock (_gate)
        {
            lanes = [.. _lanes.Keys];
        }

        foreach (var lane in lanes)
        {
            Pump(lane);
        }
    }

    private void Pump((SimulatorProvider, string) laneKey)
    {
        var limit = _control.ConcurrencyLimit;
        var starting = new List<SimJob>();
        lock (_gate)
        {
            var lane = _lanes[laneKey];
            while ((limit == 0 || lane.Running < limit) && lane.Waiting.First is { } next)
            {
                lane.Waiting.RemoveFirst();
                lane.Running++;
                next.Value.HasSlot = true;
                starting.Add(next.Value);
            }
        }

        foreach (var job in starting)
        {
            _background.Run(stopping => RunAsync(job, stopping));
        }
    }

    private async Task RunAsync(SimJob job, CancellationToken stopping)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping, job.Cancellation.Token);
        try
        {
            await Task.Delay(_control.QueueTime, _time, cancellation.Token);
            if (job.StartDeadline < _time.GetUtcNow())
            {
                Complete(job, JobOutcome.StartTimeout());
                return;
            }

            lock (_gate)
            {
                cancellation.Token.ThrowIfCancellationRequested();
                job.State = JobState.InProgress;
                job.StartedAt = _time.GetUtcNow();
                Log(job, $"Running {job.Model.Id}.");
            }

            var latency = _control.LatencyFor(job.Model.Id, job.Model.IsTraining);
            var started = _time.GetTimestamp();
            var outcome = Execute(job, latency);
            var remaining = latency - _time.GetElapsedTime(started);
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining, _time, cancellation.Token);
            }

            Complete(job, outcome with { Inference = _time.GetElapsedTime(started) });
        }
        catch (OperationCanceledException) when (job.CancelRequested && !stopping.IsCancellationRequested)
        {
            Complete(job, JobOutcome.Cancelled());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "Simulated job {RequestId} ({Model}) crashed", job.Id, job.Model.Id);
            Complete(job, JobOutcome.Crashed());
        }
        finally
        {
            lock (_gate)
            {
                job.HasSlot = false;
                _lanes[job.Lane].Running--;
            }

            Pump(job.Lane);
        }
    }

    private JobOutcome Execute(SimJob job, TimeSpan latency)
    {
        if (job.InjectedFault is { } fault)
        {
            return JobOutcome.From(fault);
        }

        if (job.Blocked)
        {
            return JobOutcome.ContentBlocked();
        }

        var files = _media.Produce(job);
        return new JobOutcome
        {
            Failure = FailureKind.None,
            Files = files,
            FalOutput = job.Provider == SimulatorProvider.Fal ? FalOutputs.Shape(job, files, latency) : null,
        };
    }

    private void Complete(SimJob job, JobOutcome outcome)
    {
        lock (_gate)
        {
            if (job.State == JobState.Completed)
            {
                return;
            }

            job.State = JobState.Completed;
            job.CompletedAt = _time.GetUtcNow();
            job.Outcome = outcome;
            Log(job, outcome.Succeeded ? "Request completed." : $"Request failed: {outcome.Message}", outcome.Succeeded ? "INFO" : "ERROR");
        }

        _webhooks.JobCompleted(job);
    }

    private Lane LaneOf(SimJob job)
    {
        if (!_lanes.TryGetValue(job.Lane, out var lane))
        {
            lane = new Lane();
            _lanes[job.Lane] = lane;
        }

        return lane;
    }

    private void Log(SimJob job, string message, string level = "INFO") => job.Logs.Add(new JobLogEntry(message, level, _time.GetUtcNow()));

    private void Prune()
    {
        var cutoff = _time.GetUtcNow() - Retention;
        foreach (var key in _jobs.Where(j => j.Value.CompletedAt < cutoff).Select(j => j.Key).ToList())
        {
            _jobs.Remove(key);
        }
    }

    private sealed class Lane
    {
        public LinkedList<SimJob> Waiting { get; } = new();

        public int Running { get; set; }
    }
}

internal sealed record JobSnapshot(JobState State, int QueuePosition, IReadOnlyList<JobLogEntry> Logs, JobOutcome? Outcome, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt);

internal enum CancelResult
{
    CancellationRequested,
    AlreadyCompleted,
}
