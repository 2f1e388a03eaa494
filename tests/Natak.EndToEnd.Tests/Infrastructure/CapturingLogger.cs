using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Natak.EndToEnd.Tests.Infrastructure;

/// <summary>One category's logger of <see cref="CapturingLoggerProvider"/>.</summary>
internal sealed class CapturingLogger(string category, ConcurrentQueue<string> sink) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull
    {
        sink.Enqueue($"{category} scope: {state}");
        return null;
    }

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
        sink.Enqueue($"{logLevel} {category}: {formatter(state, exception)} | {values} | {exception}");
    }
}
