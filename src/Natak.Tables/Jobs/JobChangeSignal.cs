namespace Natak.Tables.Jobs;

/// <summary>
/// In-process news that a job's rows changed: <see cref="JobIndex.ApplyAsync"/> raises it after each write, so a live
/// progress stream served by the same process (the dev host, where the worker and the API share one) wakes at once
/// instead of at its next poll. Changes written by other processes are still found by polling.
/// </summary>
public sealed class JobChangeSignal
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Waiters> _waiters = new(StringComparer.Ordinal);

    /// <summary>
    /// A wait for the job's next change. Subscribe before reading the job, so a change written in between is not
    /// missed, then await <see cref="Subscription.Changed"/> (with a timeout: other processes' changes never signal).
    /// </summary>
    public Subscription Subscribe(string jobId)
    {
        lock (_lock)
        {
            if (!_waiters.TryGetValue(jobId, out var waiters))
            {
                waiters = new Waiters();
                _waiters[jobId] = waiters;
            }

            waiters.Count++;
            return new Subscription(this, jobId, waiters.Changed.Task);
        }
    }

    /// <summary>Wakes everyone waiting for the job.</summary>
    public void Notify(string jobId)
    {
        Waiters? woken;
        lock (_lock)
        {
            if (!_waiters.Remove(jobId, out woken))
            {
                return;
            }
        }

        woken.Changed.TrySetResult();
    }

    private void Leave(string jobId, Task changed)
    {
        lock (_lock)
        {
            if (_waiters.TryGetValue(jobId, out var waiters) && waiters.Changed.Task == changed && --waiters.Count == 0)
            {
                _waiters.Remove(jobId);
            }
        }
    }

    /// <summary>One wait for a job's next change; dispose it when done waiting.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly JobChangeSignal _signal;
        private readonly string _jobId;
        private int _disposed;

        internal Subscription(JobChangeSignal signal, string jobId, Task changed)
        {
            _signal = signal;
            _jobId = jobId;
            Changed = changed;
        }

        /// <summary>Completes when the job changes.</summary>
        public Task Changed { get; }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _signal.Leave(_jobId, Changed);
            }
        }
    }

    private sealed class Waiters
    {
        public TaskCompletionSource Changed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Count { get; set; }
    }
}
