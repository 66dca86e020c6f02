using System.Diagnostics;

namespace AccountApi.Tests.Infrastructure;

/// <summary>Runs the built service as its own process, the way an operator starts it, and collects what it printed.</summary>
public static class ServiceProcess
{
    /// <summary>Starts AccountApi.dll with <paramref name="environment"/>; returns its exit code and output once it exits.</summary>
    public static Task<(int ExitCode, string Output)> RunUntilExitAsync(IReadOnlyDictionary<string, string> environment) =>
        RunUntilExitAsync(StartInfo(environment));

    /// <summary>Starts <paramref name="start"/> (output redirected); returns its exit code and output once it exits.</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The service did not stop within 60 s; it was expected to refuse to start.");
        }

        return (process.ExitCode, await output + await error);
    }

    /// <summary>How to start the built AccountApi.dll on a free loopback port with <paramref name="environment"/>.</summary>
    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment)
    {
        // tests/AccountApi.Tests/bin/{Configuration}/net10.0 → src/AccountApi/bin/{Configuration}/net10.0
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        var repository = testOutput.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var service = Path.Combine(repository, "src", "AccountApi", "bin", configuration, testOutput.Name);

        var start = new ProcessStartInfo("dotnet", [Path.Combine(service, "AccountApi.dll"), "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = service,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }
}
