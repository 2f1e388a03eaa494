using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Natak.Api.Health;

/// <summary>Table Storage answers (the ledger, jobs and spend live there).</summary>
internal sealed class TableProbe(TableServiceClient tables) : IHealthProbe
{
    public string Name => "tables";

    public Task<ProbeResult> CheckAsync(CancellationToken cancellationToken) =>
        StorageAnswer.FirstItemAsync(tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken));
}

/// <summary>Blob Storage answers (the Durable task hub keeps leases and large messages there).</summary>
internal sealed class BlobProbe(BlobServiceClient blobs) : IHealthProbe
{
    public string Name => "blobs";

    public Task<ProbeResult> CheckAsync(CancellationToken cancellationToken) =>
        StorageAnswer.FirstItemAsync(blobs.GetBlobContainersAsync(cancellationToken: cancellationToken));
}

/// <summary>Queue Storage answers (the Durable task hub's control and work-item queues).</summary>
internal sealed class QueueProbe(QueueServiceClient queues) : IHealthProbe
{
    public string Name => "queues";

    public Task<ProbeResult> CheckAsync(CancellationToken cancellationToken) =>
        StorageAnswer.FirstItemAsync(queues.GetQueuesAsync(cancellationToken: cancellationToken));
}

/// <summary>The object store (R2; s3rver locally) answers: a HEAD of a key that need not exist.</summary>
internal sealed class ObjectStoreProbe(Natak.Assets.IAssetStore assets) : IHealthProbe
{
    public string Name => "objectStore";

    public async Task<ProbeResult> CheckAsync(CancellationToken cancellationToken)
    {
        await assets.HeadAsync("health/probe", cancellationToken);
        return ProbeResult.Ok();
    }
}

/// <summary>
/// The providers: each one's circuit must be closed; the detail says whether it is the local simulator (a
/// loopback base URL) or a configured real provider. No call is made, so the health route costs nothing.
/// </summary>
internal sealed class ProvidersProbe(
    Natak.Providers.IProviderHealth health,
    Microsoft.Extensions.Options.IOptions<Natak.Providers.Fal.FalOptions> fal,
    Microsoft.Extensions.Options.IOptions<Natak.Providers.WaveSpeed.WaveSpeedOptions> waveSpeed,
    Microsoft.Extensions.Options.IOptions<Natak.Providers.Xai.XaiOptions> xai) : IHealthProbe
{
    public string Name => "providers";

    public Task<ProbeResult> CheckAsync(CancellationToken cancellationToken)
    {
        var providers = new (Natak.Providers.ProviderKind Kind, Uri BaseUrl)[]
        {
            (Natak.Providers.ProviderKind.Fal, fal.Value.QueueBaseUrl),
            (Natak.Providers.ProviderKind.WaveSpeed, waveSpeed.Value.BaseUrl),
            (Natak.Providers.ProviderKind.Xai, xai.Value.BaseUrl),
        };
        var open = providers.Where(p => health.IsCircuitOpen(p.Kind)).Select(p => p.Kind.ToString()).ToList();
        var mode = providers.All(p => p.BaseUrl.IsLoopback) ? "simulated" : "configured";
        return Task.FromResult(open.Count == 0
            ? ProbeResult.Ok(mode)
            : ProbeResult.Fail($"{mode}; circuit open for {string.Join(", ", open)}"));
    }
}
