using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Natak.Workflows.Health;

/// <summary>Table Storage answers (the ledger, jobs and spend live there).</summary>
internal sealed class TableProbe(TableServiceClient tables) : IHealthProbe
{
    public string Name => "tables";

    public async Task<ProbeResult> CheckAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken))
        {
            break;
        }

        return ProbeResult.Ok();
    }
}

/// <summary>Blob Storage answers (the Durable task hub keeps leases and large messages there).</summary>
internal sealed class BlobProbe(BlobServiceClient blobs) : IHealthProbe
{
    public string Name => "blobs";

    public async Task<ProbeResult> CheckAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in blobs.GetBlobContainersAsync(cancellationToken: cancellationToken))
        {
            break;
        }

        return ProbeResult.Ok();
    }
}

/// <summary>Queue Storage answers (the Durable task hub's control and work-item queues).</summary>
internal sealed class QueueProbe(QueueServiceClient queues) : IHealthProbe
{
    public string Name => "queues";

    public async Task<ProbeResult> CheckAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in queues.GetQueuesAsync(cancellationToken: cancellationToken))
        {
            break;
        }

        return ProbeResult.Ok();
    }
}

/// <summary>The object store (R2; s3rver locally) answers: a HEAD of a key that need not exist.</summary>
internal sealed class ObjectStoreProbe(Natak.Storage.IAssetStore assets) : IHealthProbe
{
    public string Name => "objectStore";

    public async Task<ProbeResult> CheckAsync(CancellationToken cancellationToken)
    {
        await assets.HeadAsync("health/probe", cancellationToken);
        return ProbeResult.Ok();
    }
}
