using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Natak.Orchestrations.Tests.Infrastructure;

/// <summary>Keeps every log line the worker writes, so tests can follow a job the way an operator would.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    /// <summary>The lines that name <paramref name="jobId"/>, in the order they were written.</summary>
    public IReadOnlyList<LogLine> Of(string jobId) => [.. _lines.Where(l => l.Message.Contains(jobId, StringComparison.Ordinal))];

    public ILogger CreateLogger(string categoryName) => new Writer(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Writer(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new LogLine(category, logLevel, eventId.Id, formatter(state, exception)));
    }
}

/// <summary>One captured log line.</summary>
internal sealed record LogLine(string Category, LogLevel Level, int EventId, string Message);
