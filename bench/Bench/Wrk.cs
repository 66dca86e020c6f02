using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AccountApi.Bench;

/// <summary>
/// Runs <c>wrk --latency</c> with a Lua script that sends the requests of a <see cref="Scenario"/> round-robin and
/// prints one line of figures at the end (counts by status, socket errors, latency percentiles), parsed here.
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
        return new WrkResult(
            RequestsPerSecond: figures["requests"] / (figures["duration_us"] / 1e6),
            P50Ms: figures["p50_us"] / 1000,
            P99Ms: figures["p99_us"] / 1000,
            P999Ms: figures["p999_us"] / 1000,
            Requests: (long)figures["requests"],
            Status2xx: (long)figures["s2xx"],
            Status401: (long)figures["s401"],
            Status403: (long)figures["s403"],
            StatusOther: (long)figures["other"],
            SocketErrors: (long)(figures["connect"] + figures["read"] + figures["write"] + figures["timeout"]));
    }

    [GeneratedRegex(@"BENCH (.*)")]
    private static partial Regex BenchLine();

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
          io.write(string.format("BENCH requests=%d duration_us=%d p50_us=%.1f p99_us=%.1f p999_us=%.1f s2xx=%d s401=%d s403=%d other=%d connect=%d read=%d write=%d timeout=%d\n",
            summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency:percentile(99.9),
            total.s2xx, total.s401, total.s403, total.other, e.connect, e.read, e.write, e.timeout))
        end
        """;
}

/// <summary>One wrk run's figures.</summary>
internal sealed record WrkResult(
    double RequestsPerSecond,
    double P50Ms,
    double P99Ms,
    double P999Ms,
    long Requests,
    long Status2xx,
    long Status401,
    long Status403,
    long StatusOther,
    long SocketErrors)
{
    public long Non2xx => Status401 + Status403 + StatusOther;
}
