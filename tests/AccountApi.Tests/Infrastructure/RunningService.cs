using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace AccountApi.Tests.Infrastructure;

/// <summary>
/// The built service as its own process, serving on a free loopback port, with every line it prints kept: for what
/// only a real process shows (its console output).
/// </summary>
public sealed class RunningService : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private RunningService(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; private set; } = null!;

    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>Starts the service in <paramref name="environment"/> and waits for its JSON "Now listening on" line.</summary>
    public static async Task<RunningService> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var start = BuiltService.StartInfo(environment);
        var service = new RunningService(Process.Start(start)!);
        var listening = await service.WaitForLineAsync(line => line.TryGetProperty("State", out var state) && state.TryGetProperty("address", out _));
        service.Address = new Uri(listening.GetProperty("State").GetProperty("address").GetString()!);
        return service;
    }

    /// <summary>The first JSON line that <paramref name="match"/> accepts, within 30 s.</summary>
    public async Task<JsonElement> WaitForLineAsync(Func<JsonElement, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var line in _lines)
            {
                if (line.StartsWith('{') && JsonDocument.Parse(line).RootElement is var json && match(json))
                {
                    return json.Clone();
                }
            }

            Assert.False(_process.HasExited, "The service stopped:\n" + string.Join('\n', _lines));
            await Task.Delay(50);
        }

        throw new TimeoutException("No matching log line within 30 s:\n" + string.Join('\n', _lines));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }
}
