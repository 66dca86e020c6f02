using System.Diagnostics;
using System.Globalization;

namespace AccountApi.TestInfrastructure;

/// <summary>
/// A published ASP.NET Core app started as a child process on loopback, shared by the soak test and the benchmark:
/// its output drained, its resident memory read from /proc, killed with its process tree on dispose.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    // Everything started and not yet disposed: killed if the driver crashes or is interrupted, so that no service
    // outlives the run (an unhandled exception does not run the callers' finally blocks).
    private static readonly List<ServiceProcess> s_running = [];
    private readonly Process _process;
    private readonly string? _registryFolder;
    private bool _disposed;

    static ServiceProcess()
    {
        AppDomain.CurrentDomain.UnhandledException += (_, _) => KillAll();
        Console.CancelKeyPress += (_, _) => KillAll();
    }

    private ServiceProcess(Process process, string url, string? registryFolder)
    {
        (_process, Url, _registryFolder) = (process, url, registryFolder);
        lock (s_running)
        {
            s_running.Add(this);
        }
    }

    public string Url { get; }

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts the published app <paramref name="dll"/> (<c>dotnet app.dll</c>, or a native executable itself) on a
    /// free loopback port, in Production, with <paramref name="settings"/> as environment variables; the content root
    /// is <paramref name="contentRoot"/> (default: the app's folder). Unless the settings name one, the tenancy registry
    /// is a SQLite file of its own in a temporary folder removed on dispose, seeded from the settings' tenancies.
    /// </summary>
    public static ServiceProcess Start(string dll, IReadOnlyDictionary<string, string> settings, string? contentRoot = null, string name = "service")
    {
        var url = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        // A framework-dependent publish runs under the dotnet host; a native (AOT) one is its own executable.
        var start = dll.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new ProcessStartInfo("dotnet", [Path.GetFullPath(dll), "--urls", url])
            : new ProcessStartInfo(Path.GetFullPath(dll), ["--urls", url]);
        start.WorkingDirectory = contentRoot ?? Path.GetDirectoryName(Path.GetFullPath(dll))!;
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        string? registryFolder = null;
        if (!settings.ContainsKey("TenancyRegistry__Sqlite"))
        {
            registryFolder = Directory.CreateTempSubdirectory("accountapi-registry-").FullName;
            start.Environment["TenancyRegistry__Sqlite"] = Path.Combine(registryFolder, "tenancies.db");
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        // Drain its output so that it never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) => { if (line.Data is { Length: > 0 }) Console.Error.WriteLine($"{name}: {line.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServiceProcess(process, url, registryFolder);
    }

    /// <summary>
    /// Runs <paramref name="start"/> (output redirected) to its exit and returns its exit code and everything it
    /// printed; a process still running after <paramref name="timeout"/> (default a minute) is killed and reported.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(ProcessStartInfo start, TimeSpan? timeout = null)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromMinutes(1);
        using var expired = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(expired.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} did not exit within {limit.TotalSeconds:0} s.");
        }

        return (process.ExitCode, await output + await error);
    }

    /// <summary>VmRSS of the process, in kilobytes.</summary>
    public long ResidentKilobytes()
    {
        var status = File.ReadAllLines($"/proc/{_process.Id}/status").First(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(status.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// CPU time the process has used so far (user + system), in seconds: less sensitive than wall time to other work
    /// on a shared machine.
    /// </summary>
    public double CpuSeconds()
    {
        // /proc/PID/stat: the command name in parentheses may hold spaces; utime and stime are fields 14 and 15.
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; connection failures count as "not yet".</summary>
    public static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, TimeSpan? interval = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException) when (deadline.Elapsed < timeout)
            {
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}.");
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(250));
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (s_running)
        {
            s_running.Remove(this);
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        if (_registryFolder is not null)
        {
            Directory.Delete(_registryFolder, recursive: true);
        }
    }

    private static void KillAll()
    {
        lock (s_running)
        {
            foreach (var running in s_running.Where(p => !p._process.HasExited))
            {
                running._process.Kill(entireProcessTree: true);
            }
        }
    }
}
