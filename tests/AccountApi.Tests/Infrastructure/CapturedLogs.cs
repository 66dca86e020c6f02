using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AccountApi.Tests.Infrastructure;

/// <summary>Keeps every formatted log entry of a host, to check what is (and is never) written to the log.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(EventId EventId, string Message)> _entries = new();

    public IReadOnlyList<(EventId EventId, string Message)> Entries => [.. _entries];

    public IEnumerable<string> MessagesOf(int eventId) =>
        Entries.Where(entry => entry.EventId.Id == eventId).Select(entry => entry.Message);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs._entries.Enqueue((eventId, formatter(state, exception) + (exception is null ? "" : " " + exception)));
    }
}
