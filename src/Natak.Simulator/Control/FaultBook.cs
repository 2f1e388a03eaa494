namespace Natak.Simulator;

/// <summary>The active fault rules and the seeded random source behind their probabilities.</summary>
internal sealed class FaultBook
{
    private readonly Lock _gate = new();
    private readonly List<ActiveFault> _rules = [];
    private Random _random;
    private int _nextId;

    public FaultBook(int seed) => _random = new Random(seed);

    public FaultRule Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Times is <= 0)
        {
            throw new ArgumentException("times must be at least 1 (or omitted for no limit).", nameof(rule));
        }

        if (rule.Probability is < 0 or > 1 || rule.Probability is double.NaN)
        {
            throw new ArgumentException("probability must be between 0 and 1.", nameof(rule));
        }

        if (rule.Delay < TimeSpan.Zero)
        {
            throw new ArgumentException("delay must not be negative.", nameof(rule));
        }

        if (rule.Operation is { } op && !FaultKinds.AppliesTo(rule.Kind, op))
        {
            throw new ArgumentException($"fault kind '{rule.Kind}' does not apply to operation '{op}'.", nameof(rule));
        }

        if (rule.Provider == SimulatorProvider.Xai && FaultKinds.IsJobLevel(rule.Kind))
        {
            throw new ArgumentException($"fault kind '{rule.Kind}' needs a queued job; xAI answers synchronously.", nameof(rule));
        }

        lock (_gate)
        {
            var stored = rule with { Id = "fault-" + (++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture) };
            _rules.Add(new ActiveFault(stored) { Remaining = rule.Times });
            return stored;
        }
    }

    public IReadOnlyList<(FaultRule Rule, int? Remaining)> List()
    {
        lock (_gate)
        {
            return _rules.Select(r => (r.Rule, r.Remaining)).ToList();
        }
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            return _rules.RemoveAll(r => r.Rule.Id == id) > 0;
        }
    }

    public void Reset(int seed)
    {
        lock (_gate)
        {
            _rules.Clear();
            _random = new Random(seed);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>The first rule that applies to this call, consuming one of its <c>times</c>; null when none fires.</summary>
    public FaultRule? Take(SimulatorProvider provider, string? model, SimulatorOperation operation, Func<FaultKind, bool> kinds)
    {
        lock (_gate)
        {
            foreach (var active in _rules)
            {
                var rule = active.Rule;
                if (rule.Provider != provider
                    || !kinds(rule.Kind)
                    || !FaultKinds.AppliesTo(rule.Kind, operation)
                    || (rule.Operation is { } op && op != operation)
                    || !ModelMatches(rule.Model, model))
                {
                    continue;
                }

                if (rule.Probability is { } p && _random.NextDouble() >= p)
                {
                    continue;
                }

                if (active.Remaining is { } remaining)
                {
                    active.Remaining = remaining - 1;
                    if (active.Remaining == 0)
                    {
                        _rules.Remove(active);
                    }
                }

                return rule;
            }

            return null;
        }
    }

    /// <summary>A random integer from the seeded source, for generations that were given no seed.</summary>
    public int NextSeed()
    {
        lock (_gate)
        {
            return _random.Next();
        }
    }

    internal static bool ModelMatches(string? pattern, string? model)
    {
        if (pattern is null)
        {
            return true;
        }

        if (model is null)
        {
            return false;
        }

        if (pattern.EndsWith('*'))
        {
            return model.StartsWith(pattern[..^1], StringComparison.Ordinal);
        }

        return model == pattern || model.StartsWith(pattern.TrimEnd('/') + "/", StringComparison.Ordinal);
    }

    private sealed class ActiveFault(FaultRule rule)
    {
        public FaultRule Rule { get; } = rule;

        public int? Remaining { get; set; }
    }
}
