namespace Natak.Simulator;

/// <summary>The ordered record of provider calls and webhook attempts, bounded so a long-running dev host does not grow without end.</summary>
internal sealed class CallLog
{
    private const int MaxEntries = 20_000;

    private readonly Lock _gate = new();
    private readonly LinkedList<SimulatorCall> _calls = new();
    private readonly List<Waiter> _waiters = [];
    private readonly TimeProvider _time;
    private long _seq;

    public CallLog(TimeProvider time) => _time = time;

    public SimulatorCall Record(SimulatorCall call)
    {
        List<Waiter> satisfied = [];
        SimulatorCall recorded;
        lock (_gate)
        {
            recorded = call with { Seq = ++_seq, At = _time.GetUtcNow() };
            _calls.AddLast(recorded);
            if (_calls.Count > MaxEntries)
            {
                _calls.RemoveFirst();
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Predicate(recorded))
                {
                    satisfied.Add(_waiters[i]);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var waiter in satisfied)
        {
            waiter.Completion.TrySetResult(recorded);
        }

        return recorded;
    }

    public IReadOnlyList<SimulatorCall> Snapshot(SimulatorProvider? provider, SimulatorOperation? operation)
    {
        lock (_gate)
        {
            return _calls
                .Where(c => (provider is null || c.Provider == provider) && (operation is null || c.Operation == operation))
                .ToList();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _calls.Clear();
        }
    }

    public async Task<SimulatorCall> WaitForAsync(Func<SimulatorCall, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waiter = new Waiter(predicate, new TaskCompletionSource<SimulatorCall>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            var existing = _calls.FirstOrDefault(predicate);
            if (existing is not null)
            {
                return existing;
            }

            _waiters.Add(waiter);
        }

        try
        {
            return await waiter.Completion.Task.WaitAsync(timeout, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }

            throw new TimeoutException($"No matching simulator call was recorded within {timeout}.");
        }
    }

    private sealed record Waiter(Func<SimulatorCall, bool> Predicate, TaskCompletionSource<SimulatorCall> Completion);
}
