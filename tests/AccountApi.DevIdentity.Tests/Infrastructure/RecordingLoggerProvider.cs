using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AccountApi.DevIdentity.Tests.Infrastructure;

/// <summary>Records every formatted log message, with its event id and level, for assertions on log output.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<RecordedLogEntry> _entries = new();

    public IReadOnlyCollection<RecordedLogEntry> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class RecordingLogger(string category, ConcurrentQueue<RecordedLogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new RecordedLogEntry(category, logLevel, eventId.Id, formatter(state, exception)));
    }
}

internal sealed record RecordedLogEntry(string Category, LogLevel Level, int EventId, string Message);
