using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AccountApi.Bench;

/// <summary>
/// Runs <c>wrk --latency</c> with a Lua script that sends the requests of a <see cref="Scenario"/> round-robin and
/// prints its figures at the end (counts by status, socket errors, and the latency histogram itself), parsed here, so
/// that the runs of one scenario's slices of a round merge into exact figures for the round (<see cref="Merge"/>).
/// </summary>
internal static partial class Wrk
{
    public static async Task<WrkResult> RunAsync(string url, string requestsFile, TimeSpan duration, int connections = 32)
    {
        var script = Path.ChangeExtension(requestsFile, ".lua");
        await File.WriteAllTextAsync(script, Script.Replace("REQUESTS_FILE", requestsFile, StringComparison.Ordinal));
        using var wrk = Process.Start(new ProcessStartInfo("wrk",
            ["-t1", $"-c{connections}", $"-d{duration.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s", "--timeout", "5s", "--latency", "-s", script, $"{url}/account/me"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await wrk.StandardOutput.ReadToEndAsync();
        var error = await wrk.StandardError.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var line = BenchLine().Match(output);
        if (wrk.ExitCode != 0 || !line.Success)
        {
            throw new InvalidOperationException($"wrk failed ({wrk.ExitCode}): {output} {error}");
        }

        var figures = line.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .ToDictionary(pair => pair[0], pair => double.Parse(pair[1], CultureInfo.InvariantCulture));
        // Each distinct latency wrk recorded (µs) and how many requests took it.
        var latencies = HistogramLine().Match(output).Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split(':'))
            .Select(pair => (Microseconds: long.Parse(pair[0], CultureInfo.InvariantCulture), Count: long.Parse(pair[1], CultureInfo.InvariantCulture)))
            .ToList();
        return new WrkResult(
            DurationSeconds: figures["duration_us"] / 1e6,
            Latencies: latencies,
            Requests: (long)figures["requests"],
            Status2xx: (long)figures["s2xx"],
            Status401: (long)figures["s401"],
            Status403: (long)figures["s403"],
            StatusOther: (long)figures["other"],
            SocketErrors: (long)(figures["connect"] + figures["read"] + figures["write"] + figures["timeout"]));
    }

    /// <summary>One scenario's runs in a round as one run: counts and durations added, latencies merged as recorded.</summary>
    public static WrkResult Merge(IReadOnlyCollection<WrkResult> runs) => new(
        DurationSeconds: runs.Sum(run => run.DurationSeconds),
        Latencies: [.. runs.SelectMany(run => run.Latencies).GroupBy(latency => latency.Microseconds)
            .Select(group => (group.Key, group.Sum(latency => latency.Count))).Order()],
        Requests: runs.Sum(run => run.Requests),
        Status2xx: runs.Sum(run => run.Status2xx),
        Status401: runs.Sum(run => run.Status401),
        Status403: runs.Sum(run => run.Status403),
        StatusOther: runs.Sum(run => run.StatusOther),
        SocketErrors: runs.Sum(run => run.SocketErrors));

    [GeneratedRegex(@"BENCH (.*)")]
    private static partial Regex BenchLine();

    [GeneratedRegex(@"LATENCIES (.*)")]
    private static partial Regex HistogramLine();

    // Each line of the requests file is "<tenancy or -> <token or ->". Requests are formatted in init, once wrk has
    // set the Host header (formatted earlier they lack it and every answer is a 400).
    private const string Script = """
        local requests = {}
        function init(args)
          for line in io.lines("REQUESTS_FILE") do
            local tenancy, token = line:match("^(%S+) (%S+)$")
            local headers = {}
            if token ~= "-" then headers["Authorization"] = "Bearer " .. token end
            if tenancy ~= "-" then headers["X-Tenant-ID"] = tenancy end
            table.insert(requests, wrk.format("GET", "/account/me", headers))
          end
        end
        local counter = 0
        s2xx, s401, s403, other = 0, 0, 0, 0
        local threads = {}
        function setup(thread) table.insert(threads, thread) end
        function request()
          counter = counter + 1
          return requests[(counter % #requests) + 1]
        end
        function response(status, headers, body)
          if status >= 200 and status < 300 then s2xx = s2xx + 1
          elseif status == 401 then s401 = s401 + 1
          elseif status == 403 then s403 = s403 + 1
          else other = other + 1 end
        end
        function done(summary, latency, requests)
          local total = { s2xx = 0, s401 = 0, s403 = 0, other = 0 }
          for _, t in ipairs(threads) do
            for name, _ in pairs(total) do total[name] = total[name] + t:get(name) end
          end
          local e = summary.errors
          io.write(string.format("BENCH requests=%d duration_us=%d s2xx=%d s401=%d s403=%d other=%d connect=%d read=%d write=%d timeout=%d\n",
            summary.requests, summary.duration, total.s2xx, total.s401, total.s403, total.other, e.connect, e.read, e.write, e.timeout))
          local latencies = {}
          for i = 1, #latency do
            local value, count = latency(i)
            latencies[i] = string.format("%d:%d", value, count)
          end
          io.write("LATENCIES ", table.concat(latencies, " "), "\n")
        end
        """;
}

/// <summary>One wrk run's figures (or a round's runs of one scenario, merged).</summary>
internal sealed record WrkResult(
    double DurationSeconds,
    IReadOnlyList<(long Microseconds, long Count)> Latencies,
    long Requests,
    long Status2xx,
    long Status401,
    long Status403,
    long StatusOther,
    long SocketErrors)
{
    public long Non2xx => Status401 + Status403 + StatusOther;

    public double RequestsPerSecond => Requests / Math.Max(DurationSeconds, 1e-9);

    public double P50Ms => Percentile(50);

    public double P99Ms => Percentile(99);

    public double P999Ms => Percentile(99.9);

    // Ranked as wrk ranks its own percentiles (stats_percentile), so that a round of one slice reads as wrk would.
    private double Percentile(double p)
    {
        var total = Latencies.Sum(latency => latency.Count);
        var rank = Math.Round(p / 100 * total + 0.5, MidpointRounding.AwayFromZero);
        long seen = 0;
        foreach (var (microseconds, count) in Latencies)
        {
            seen += count;
            if (seen >= rank)
            {
                return microseconds / 1000.0;
            }
        }

        return Latencies.Count == 0 ? 0 : Latencies[^1].Microseconds / 1000.0;
    }
}
