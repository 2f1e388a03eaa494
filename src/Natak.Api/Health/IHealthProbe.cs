namespace Natak.Api.Health;

/// <summary>One dependency the health route checks (tables, blobs, queues, the object store, providers).</summary>
public interface IHealthProbe
{
    string Name { get; }

    Task<ProbeResult> CheckAsync(CancellationToken cancellationToken);
}

/// <summary>A probe's answer; <see cref="Detail"/> is safe to show publicly (no endpoints, no keys).</summary>
public sealed record ProbeResult(bool Healthy, string? Detail = null)
{
    public static ProbeResult Ok(string? detail = null) => new(true, detail);

    public static ProbeResult Fail(string detail) => new(false, detail);
}
