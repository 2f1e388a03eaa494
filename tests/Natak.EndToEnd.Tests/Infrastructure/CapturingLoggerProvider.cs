using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Natak.EndToEnd.Tests.Infrastructure;

/// <summary>Captures every log entry (and scope) a host writes as one line: <c>{level} {category}: {message} | {values} | {exception}</c>.</summary>
internal sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, sink);

    public void Dispose()
    {
    }
}
