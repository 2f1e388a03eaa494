using Azure.Core;
using Azure.Core.Pipeline;

namespace Natak.Ledger.Tests;

/// <summary>
/// Fault injection for the "ambiguous commit": lets an entity-group transaction reach the service and commit,
/// then throws the response away as a dropped connection would, so the caller cannot know it committed.
/// </summary>
public sealed class DropResponseAfterCommitPolicy : HttpPipelinePolicy
{
    private int _armed;
    private int _dropped;

    /// <summary>How many responses were thrown away.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>Throw away the responses of the next <paramref name="count"/> batch requests.</summary>
    public void DropNextBatches(int count) => Volatile.Write(ref _armed, count);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        ThrowIfArmed(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        ThrowIfArmed(message);
    }

    private void ThrowIfArmed(HttpMessage message)
    {
        var isBatch = message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal);
        if (isBatch && message.Response.Status is >= 200 and < 300 && Interlocked.Decrement(ref _armed) >= 0)
        {
            Interlocked.Increment(ref _dropped);
            throw new IOException("Injected fault: the connection dropped after the service committed the batch.");
        }
    }
}
