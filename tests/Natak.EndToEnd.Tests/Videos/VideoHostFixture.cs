using Natak.EndToEnd.Tests.Infrastructure;

namespace Natak.EndToEnd.Tests.Videos;

/// <summary>
/// A dev host and simulator of the video tests' own, so each test can read the whole call log. fal's client retries
/// quickly and its circuit reopens after seconds (the open-circuit test trips it on purpose), and Kling 2.1 Pro has a
/// short per-model deadline — given by its app-setting spelling — for the timeout failover test.
/// </summary>
public sealed class VideoHostFixture : DevHostFixture
{
    /// <summary>The per-model deadline of Kling 2.1 Pro in this host.</summary>
    public static readonly TimeSpan ShortDeadline = TimeSpan.FromSeconds(8);

    /// <summary>How long a refused submit is tried again at the same provider before failing over (2 min in production).</summary>
    public static readonly TimeSpan SubmitRetryWindow = TimeSpan.FromSeconds(4);

    /// <summary>How long fal's circuit stays open once tripped.</summary>
    public static readonly TimeSpan FalBreakDuration = TimeSpan.FromSeconds(10);

    private readonly Lazy<Task<VideoInputs>> _inputs;

    public VideoHostFixture() => _inputs = new(() => VideoInputs.CreateAsync(Simulator));

    /// <summary>A start frame and a driving video, made once by the simulator's own generators.</summary>
    public Task<VideoInputs> InputsAsync() => _inputs.Value;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        .. base.Settings(),
        new("Pipelines:Timings:Models:kling_2_1_pro:Deadline", ShortDeadline.ToString("c")),
        new("Pipelines:Timings:SubmitRetryWindow", SubmitRetryWindow.ToString("c")),
        new("Providers:Fal:Resilience:RetryBaseDelay", "00:00:00.050"),
        new("Providers:Fal:Resilience:CircuitBreakerBreakDuration", FalBreakDuration.ToString("c")),
    ];
}

[CollectionDefinition(Name)]
public sealed class VideoHostCollection : ICollectionFixture<VideoHostFixture>
{
    public const string Name = "videos on their own dev host";
}
