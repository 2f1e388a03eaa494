using Azure.Core;
using Azure.Core.Pipeline;

namespace Natak.EndToEnd.Tests.JobReads;

/// <summary>Counts the requests the host's table client sends (retries included) whose URL names a given text, e.g. one test's user.</summary>
public sealed class TableRequestCounter : HttpPipelineSynchronousPolicy
{
    private readonly Lock _lock = new();
    private readonly List<string> _seen = [];

    /// <summary>The requests whose URL (decoded) contains <paramref name="text"/>.</summary>
    public IReadOnlyList<string> For(string text)
    {
        lock (_lock)
        {
            return [.. _seen.Where(u => u.Contains(text, StringComparison.Ordinal))];
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _seen.Clear();
        }
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        var url = message.Request.Method + " " + Uri.UnescapeDataString(message.Request.Uri.ToString());
        lock (_lock)
        {
            _seen.Add(url);
        }
    }
}
