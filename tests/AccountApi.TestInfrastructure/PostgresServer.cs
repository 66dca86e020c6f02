using System.Diagnostics;
using System.Globalization;

namespace AccountApi.TestInfrastructure;

/// <summary>
/// A real, throw-away PostgreSQL cluster (Debian's <c>postgresql</c> package, which .ci/run installs): <c>initdb</c> in
/// a temporary folder, <c>pg_ctl</c> on a free loopback port, trust authentication, no fsync (commits still reach the
/// write-ahead log before they are acknowledged, so an immediate stop loses nothing committed). It can be stopped and
/// started again on the same port with its data. As root (CI), the server runs as the package's <c>postgres</c> user,
/// since PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private static readonly string? s_binaries = FindBinaries();
    private readonly string _folder;

    public PostgresServer()
    {
        if (s_binaries is null)
        {
            throw new InvalidOperationException(NotInstalled);
        }

        _folder = Directory.CreateTempSubdirectory("accountapi-postgres-").FullName;
        // Stopped and started again on this port by some tests: outside the ephemeral range, so nothing else takes it.
        Port = LoopbackPorts.FreeForRestarts();
        if (IsRoot)
        {
            Run("chown", "-R", "postgres:postgres", _folder);
        }

        Run(Tool("initdb"), "-D", DataFolder, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions");
        Start();
    }

    /// <summary>Why a PostgreSQL test cannot run here, or null: outside CI a missing server skips them, under CI it fails them.</summary>
    public static string? SkipReason => s_binaries is not null || ContinuousIntegration.IsRunning ? null : NotInstalled;

    public int Port { get; }

    /// <summary>The <c>TenancyRegistry:PostgreSql</c> connection string.</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=5;Command Timeout=5");

    private static string NotInstalled => "PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin): run 'apt-get install postgresql' (CI installs it).";

    private static bool IsRoot => Environment.UserName == "root";

    private string DataFolder => Path.Combine(_folder, "data");

    public void Start()
    {
        Run(Tool("pg_ctl"), "-D", DataFolder, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "30",
            "-o", string.Create(CultureInfo.InvariantCulture, $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='{_folder}' -c fsync=off -c full_page_writes=off"),
            "start");
        // PostgreSQL starts on its Unix socket alone when it cannot bind the TCP port: say so rather than time out later.
        try
        {
            using var probe = new System.Net.Sockets.TcpClient();
            probe.Connect(System.Net.IPAddress.Loopback, Port);
        }
        catch (System.Net.Sockets.SocketException refused)
        {
            throw new InvalidOperationException($"PostgreSQL started but does not listen on 127.0.0.1:{Port} ({refused.SocketErrorCode}); see {Path.Combine(_folder, "server.log")}.");
        }
    }

    /// <summary>Stops the server at once (<c>-m immediate</c>): connections drop as in a crash; the data stays.</summary>
    public void Stop() => Run(Tool("pg_ctl"), "-D", DataFolder, "-m", "immediate", "-w", "stop");

    public void Dispose()
    {
        try
        {
            Stop();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_folder, recursive: true);
    }

    private static string Tool(string name) => Path.Combine(s_binaries!, name);

    private static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;

    private static void Run(string tool, params string[] arguments)
    {
        // As root, everything but chown runs as postgres.
        var start = IsRoot && tool != "chown"
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", tool, .. arguments])
            : new ProcessStartInfo(tool, arguments);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(tool)} did not finish within 60 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(tool)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {output.Result}{error.Result}");
        }
    }
}
