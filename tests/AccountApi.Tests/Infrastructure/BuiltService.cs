using System.Diagnostics;

namespace AccountApi.Tests.Infrastructure;

/// <summary>The service as this build left it (src/AccountApi/bin), started as its own process the way an operator starts it.</summary>
public static class BuiltService
{
    /// <summary>Starts AccountApi.dll with <paramref name="environment"/>; returns its exit code and output once it exits.</summary>
    public static Task<(int ExitCode, string Output)> RunUntilExitAsync(IReadOnlyDictionary<string, string> environment) =>
        ServiceProcess.RunUntilExitAsync(StartInfo(environment));

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
