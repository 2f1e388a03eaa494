namespace Natak.Simulator;

/// <summary>
/// Start-up settings of the simulator (configuration section <c>Simulator</c> when hosted). The knobs that tests
/// change at run time (latencies, concurrency, webhook retries) start from these values and are then changed
/// through <see cref="SimulatorControl"/> or <c>PUT /_sim/config</c>.
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>The configuration section bound by <see cref="SimulatorHostingExtensions.AddNatakSimulator"/>.</summary>
    public const string SectionName = "Simulator";

    /// <summary>The loopback port <see cref="SimulatorServer.StartAsync"/> listens on; 0 picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>The base URL put into the URLs the simulator hands out; null derives it from each request's host.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long a job stays IN_PROGRESS, for models without an override.</summary>
    public TimeSpan DefaultLatency { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>How long a LoRA training job stays IN_PROGRESS, unless overridden per model.</summary>
    public TimeSpan TrainingLatency { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Per-model IN_PROGRESS time, by full model id.</summary>
    public Dictionary<string, TimeSpan> ModelLatencies { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How long a job with a free slot stays IN_QUEUE before it starts.</summary>
    public TimeSpan QueueTime { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Requests running at once per API key and provider; more wait IN_QUEUE. 0 = unlimited.</summary>
    public int ConcurrencyLimit { get; set; }

    /// <summary>Webhook delivery attempts (the first included) before the simulator gives up on a non-2xx target.</summary>
    public int WebhookMaxAttempts { get; set; } = 4;

    /// <summary>Wait before the second delivery attempt; doubled for each further one.</summary>
    public TimeSpan WebhookInitialBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Time allowed to each webhook delivery attempt.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>32-byte Ed25519 seed (64 hex characters or base64) for the fal webhook key; null generates a key at start.</summary>
    public string? FalSigningKeySeed { get; set; }

    /// <summary>The WaveSpeed webhook secret, with its <c>whsec_</c> prefix.</summary>
    public string WaveSpeedWebhookSecret { get; set; } = "whsec_natak-simulator-dev-secret";

    /// <summary>The fake Stripe: where events go, the secret they are signed with, their API version.</summary>
    public SimulatorStripeOptions Stripe { get; set; } = new();

    /// <summary>The xAI model names accepted by chat completions.</summary>
    public string[] XaiModels { get; set; } = ["grok-4.3"];

    /// <summary>Accepted API keys (all providers); empty accepts any non-empty key.</summary>
    public string[] ApiKeys { get; set; } = [];

    /// <summary>Seed of the random source behind fault probabilities and unseeded generations.</summary>
    public int RandomSeed { get; set; } = 20260101;

    /// <summary>Bytes of output files kept in memory; the oldest files are dropped beyond it (like a CDN expiry).</summary>
    public long FileStoreMaxBytes { get; set; } = 1L << 30;
}
