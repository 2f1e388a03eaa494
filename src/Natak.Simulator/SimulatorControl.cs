namespace Natak.Simulator;

/// <summary>
/// The simulator's run-time knobs, fault rules and call log — the same state the <c>/_sim</c> HTTP API reads and
/// changes. Thread-safe. Get it from <see cref="SimulatorServer.Control"/>, or from DI when the simulator is mapped
/// into another app.
/// </summary>
public sealed class SimulatorControl
{
    private readonly Lock _gate = new();
    private readonly SimulatorOptions _options;
    private readonly Dictionary<string, TimeSpan> _modelLatencies = new(StringComparer.Ordinal);
    private TimeSpan _defaultLatency;
    private TimeSpan _trainingLatency;
    private TimeSpan _queueTime;
    private int _concurrencyLimit;
    private int _webhookMaxAttempts;
    private TimeSpan _webhookInitialBackoff;
    private string? _stripeWebhookUrl;
    private string _stripeWebhookSecret;

    internal SimulatorControl(SimulatorOptions options, FalSigningKey falKey, TimeProvider time)
    {
        _options = options;
        FalWebhookPublicKey = falKey.PublicKey;
        Log = new CallLog(time);
        Faults = new FaultBook(options.RandomSeed);
        _stripeWebhookUrl = options.Stripe.WebhookUrl;
        _stripeWebhookSecret = options.Stripe.WebhookSecret;
        ApplyOptions();
    }

    /// <summary>Raised (outside any lock) when the concurrency limit changes, so waiting jobs can start.</summary>
    internal event Action? ConcurrencyLimitChanged;

    /// <summary>The raw 32-byte Ed25519 public key that signs fal webhooks (also served in the JWKS).</summary>
    public ReadOnlyMemory<byte> FalWebhookPublicKey { get; }

    /// <summary>The WaveSpeed webhook secret, with its <c>whsec_</c> prefix.</summary>
    public string WaveSpeedWebhookSecret => _options.WaveSpeedWebhookSecret;

    internal CallLog Log { get; }

    internal FaultBook Faults { get; }

    internal SimulatorOptions Options => _options;

    /// <summary>IN_PROGRESS time for models without an override.</summary>
    public TimeSpan DefaultLatency
    {
        get { lock (_gate) { return _defaultLatency; } }
        set { lock (_gate) { _defaultLatency = NotNegative(value); } }
    }

    /// <summary>IN_PROGRESS time of LoRA training, unless overridden per model.</summary>
    public TimeSpan TrainingLatency
    {
        get { lock (_gate) { return _trainingLatency; } }
        set { lock (_gate) { _trainingLatency = NotNegative(value); } }
    }

    /// <summary>How long a job with a free slot stays IN_QUEUE before it starts.</summary>
    public TimeSpan QueueTime
    {
        get { lock (_gate) { return _queueTime; } }
        set { lock (_gate) { _queueTime = NotNegative(value); } }
    }

    /// <summary>Requests running at once per API key and provider (0 = unlimited); the rest wait IN_QUEUE.</summary>
    public int ConcurrencyLimit
    {
        get { lock (_gate) { return _concurrencyLimit; } }
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            lock (_gate)
            {
                _concurrencyLimit = value;
            }

            ConcurrencyLimitChanged?.Invoke();
        }
    }

    /// <summary>Webhook delivery attempts before giving up on a target that does not answer 2xx.</summary>
    public int WebhookMaxAttempts
    {
        get { lock (_gate) { return _webhookMaxAttempts; } }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            lock (_gate)
            {
                _webhookMaxAttempts = value;
            }
        }
    }

    /// <summary>Wait before the second webhook attempt; doubled for each further one.</summary>
    public TimeSpan WebhookInitialBackoff
    {
        get { lock (_gate) { return _webhookInitialBackoff; } }
        set { lock (_gate) { _webhookInitialBackoff = NotNegative(value); } }
    }

    /// <summary>Where Stripe events are delivered (Natak's <c>/api/webhooks/stripe</c>); null: created but not delivered.</summary>
    public string? StripeWebhookUrl
    {
        get { lock (_gate) { return _stripeWebhookUrl; } }
        set
        {
            if (value is not null && !Uri.TryCreate(value, UriKind.Absolute, out _))
            {
                throw new ArgumentException("The Stripe webhook URL must be absolute.", nameof(value));
            }

            lock (_gate)
            {
                _stripeWebhookUrl = value;
            }
        }
    }

    /// <summary>The signing secret of the Stripe webhook endpoint (<c>whsec_…</c>).</summary>
    public string StripeWebhookSecret
    {
        get { lock (_gate) { return _stripeWebhookSecret; } }
        set
        {
            if (value is null || !value.StartsWith("whsec_", StringComparison.Ordinal))
            {
                throw new ArgumentException("A Stripe webhook secret starts with whsec_.", nameof(value));
            }

            lock (_gate)
            {
                _stripeWebhookSecret = value;
            }
        }
    }

    /// <summary>The per-model IN_PROGRESS overrides, by full model id.</summary>
    public IReadOnlyDictionary<string, TimeSpan> ModelLatencies
    {
        get { lock (_gate) { return new Dictionary<string, TimeSpan>(_modelLatencies, StringComparer.Ordinal); } }
    }

    /// <summary>Sets (or, with null, removes) the IN_PROGRESS time of one model.</summary>
    public void SetModelLatency(string modelId, TimeSpan? latency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        lock (_gate)
        {
            if (latency is { } value)
            {
                _modelLatencies[modelId] = NotNegative(value);
            }
            else
            {
                _modelLatencies.Remove(modelId);
            }
        }
    }

    /// <summary>Adds a fault rule and returns it with its id.</summary>
    /// <exception cref="ArgumentException">The rule is inconsistent (kind not applicable to the operation, bad probability…).</exception>
    public FaultRule AddFault(FaultRule rule) => Faults.Add(rule);

    /// <summary>The active fault rules (a rule with <c>times</c> disappears once used up).</summary>
    public IReadOnlyList<FaultRule> ActiveFaults => Faults.List().Select(f => f.Rule).ToList();

    /// <summary>Removes one fault rule.</summary>
    public bool RemoveFault(string id) => Faults.Remove(id);

    /// <summary>Removes every fault rule.</summary>
    public void ClearFaults() => Faults.Clear();

    /// <summary>The recorded calls in order, optionally filtered.</summary>
    public IReadOnlyList<SimulatorCall> Calls(SimulatorProvider? provider = null, SimulatorOperation? operation = null) =>
        Log.Snapshot(provider, operation);

    /// <summary>Forgets the recorded calls (sequence numbers keep increasing).</summary>
    public void ClearCalls() => Log.Clear();

    /// <summary>Waits until a call matching <paramref name="predicate"/> is recorded (returns at once if one already was).</summary>
    /// <exception cref="TimeoutException">None was recorded within <paramref name="timeout"/>.</exception>
    public Task<SimulatorCall> WaitForCallAsync(Func<SimulatorCall, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return Log.WaitForAsync(predicate, timeout, cancellationToken);
    }

    /// <summary>
    /// Puts every knob back to its start-up value and clears fault rules and the call log. The Stripe webhook URL
    /// and secret are wiring, not knobs: they stay.
    /// </summary>
    public void Reset()
    {
        ApplyOptions();
        Faults.Reset(_options.RandomSeed);
        Log.Clear();
        ConcurrencyLimitChanged?.Invoke();
    }

    internal TimeSpan LatencyFor(string modelId, bool isTraining)
    {
        lock (_gate)
        {
            if (_modelLatencies.TryGetValue(modelId, out var latency))
            {
                return latency;
            }

            return isTraining ? _trainingLatency : _defaultLatency;
        }
    }

    private void ApplyOptions()
    {
        lock (_gate)
        {
            _defaultLatency = _options.DefaultLatency;
            _trainingLatency = _options.TrainingLatency;
            _queueTime = _options.QueueTime;
            _concurrencyLimit = _options.ConcurrencyLimit;
            _webhookMaxAttempts = _options.WebhookMaxAttempts;
            _webhookInitialBackoff = _options.WebhookInitialBackoff;
            _modelLatencies.Clear();
            foreach (var (model, latency) in _options.ModelLatencies)
            {
                _modelLatencies[model] = latency;
            }
        }
    }

    private static TimeSpan NotNegative(TimeSpan value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
        return value;
    }
}
