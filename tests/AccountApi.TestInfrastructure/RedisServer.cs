using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AccountApi.TestInfrastructure;

/// <summary>
/// A real Redis server (Debian's <c>redis-server</c>, which .ci/run installs) on a free loopback port, without
/// persistence. It can be stopped and started again on the same port, as a Redis restart without persistence: it
/// comes back empty.
/// </summary>
public sealed class RedisServer : IDisposable
{
    public const string Executable = "/usr/bin/redis-server";

    private Process? _process;

    public RedisServer()
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException($"Redis is not installed at {Executable}: run 'apt-get install redis-server' (CI installs it).");
        }

        // Stopped and started again on this port by some tests: outside the ephemeral range, so nothing else takes it.
        Port = LoopbackPorts.FreeForRestarts();
        Start();
    }

    public static bool IsInstalled => File.Exists(Executable);

    /// <summary>Why a Redis test cannot run here, or null: outside CI a missing server skips them, under CI it fails them.</summary>
    public static string? SkipReason => IsInstalled || ContinuousIntegration.IsRunning
        ? null
        : $"Redis is not installed at {Executable}: run 'apt-get install redis-server' (CI installs it).";

    public int Port { get; }

    /// <summary>The <c>Revocation:Redis</c> connection string.</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public void Start()
    {
        var start = new ProcessStartInfo(Executable,
            ["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilListening();
    }

    public void Stop()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }

            process.Dispose();
            _process = null;
        }
    }

    public void Dispose() => Stop();

    private void WaitUntilListening()
    {
        for (var deadline = Stopwatch.StartNew(); ; Thread.Sleep(20))
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(10) && _process is { HasExited: false })
            {
            }
        }
    }
}
