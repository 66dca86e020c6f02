using System.Diagnostics;

namespace AccountApi.BrowserTests;

/// <summary>
/// <c>samples/spa/server.mjs</c> as its README runs it (<c>npm start</c>), pointed at the test's development host
/// through its environment variables. MSAL Browser comes from the sample's node_modules (<c>npm ci</c>; CI runs it).
/// </summary>
public sealed class SpaSampleServer : IAsyncDisposable
{
    private readonly Process _process;

    private SpaSampleServer(Process process) => _process = process;

    public static string SamplePath { get; } = Path.Combine(Repository.Root, "samples", "spa");

    public static string MsalBrowserPath { get; } = Path.Combine(SamplePath, "node_modules", "@azure", "msal-browser", "lib", "msal-browser.min.js");

    public static async Task<SpaSampleServer> StartAsync(Uri origin, IReadOnlyDictionary<string, string> environment)
    {
        Assert.True(File.Exists(MsalBrowserPath), $"MSAL Browser is not installed: run 'npm ci' in {SamplePath} (.ci/run does).");

        var start = new ProcessStartInfo("node", ["server.mjs"])
        {
            WorkingDirectory = SamplePath,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PORT"] = origin.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var server = new SpaSampleServer(process);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains("listening", StringComparison.OrdinalIgnoreCase))
            {
                return server;
            }
        }

        var error = await process.StandardError.ReadToEndAsync(timeout.Token);
        await server.DisposeAsync();
        throw new InvalidOperationException($"The sample's server stopped before listening: {error}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
