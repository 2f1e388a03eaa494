using Azure.Core;
using Azure.Core.Pipeline;

namespace Natak.Tables.Tests;

/// <summary>
/// Fault injection on entity-group transactions (<c>$batch</c> requests), placed in the SDK pipeline per retry:
/// <list type="bullet">
/// <item>the "ambiguous commit": the batch reaches the service and commits, then its response is thrown away
/// as a dropped connection would, so the caller cannot know it committed;</item>
/// <item>an outage: the batch fails before it is sent, so nothing commits.</item>
/// </list>
/// </summary>
public sealed class BatchFaultPolicy : HttpPipelinePolicy
{
    private int _dropAfterCommit;
    private int _failBeforeSend;
    private int _dropped;
    private int _failed;

    /// <summary>Responses thrown away after the service committed.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>Batches failed before they were sent.</summary>
    public int Failed => Volatile.Read(ref _failed);

    public void DropResponsesAfterCommit(int count) => Volatile.Write(ref _dropAfterCommit, count);

    public void FailBeforeSending(int count) => Volatile.Write(ref _failBeforeSend, count);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var isBatch = message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal);
        if (isBatch && Take(ref _failBeforeSend))
        {
            Interlocked.Increment(ref _failed);
            throw new IOException("Injected fault: the connection failed before the batch was sent.");
        }

        await ProcessNextAsync(message, pipeline);
        if (isBatch && message.Response.Status is >= 200 and < 300 && Take(ref _dropAfterCommit))
        {
            Interlocked.Increment(ref _dropped);
            throw new IOException("Injected fault: the connection dropped after the service committed the batch.");
        }
    }

    private static bool Take(ref int budget)
    {
        int current;
        do
        {
            current = Volatile.Read(ref budget);
            if (current <= 0)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref budget, current - 1, current) != current);

        return true;
    }
}
