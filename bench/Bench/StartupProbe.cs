using System.Diagnostics;
using System.Globalization;
using System.Net;
using AccountApi.TestInfrastructure;
using AccountApi.Testing;

namespace AccountApi.Bench;

/// <summary>
/// <c>bench/run --startup-only</c>: start-up and memory alone, in about a minute instead of the full benchmark. Each
/// pass starts every published app afresh, one at a time (the service, any <c>--also</c> variants, the baseline),
/// and takes: process start → first authorized 200 (polled every 5 ms, as the full run does) and the CPU time used
/// by then, resident memory 2 s later, and requests/s and resident memory after a short warm load. Passes alternate
/// the apps, so machine drift hits all alike; medians are printed at the end.
/// </summary>
internal static class StartupProbe
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(5);

    /// <summary>An app to measure: a published dll or native executable, and environment variables of its own (runtime knobs, say).</summary>
    public sealed record App(string Name, string Dll, IReadOnlyDictionary<string, string>? Environment = null);

    /// <summary>Parses <c>NAME=PATH[;VARIABLE=VALUE...]</c>, e.g. <c>workstation=service/AccountApi;DOTNET_gcServer=0</c>.</summary>
    public static App Variant(string argument)
    {
        var parts = argument.Split(';');
        var (name, dll) = parts[0].Split('=', 2) is [var n, var d] ? (n, d) : throw new ArgumentException($"--also {argument}: expected NAME=PATH");
        return new(name, dll, parts.Skip(1).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]));
    }

    public static async Task<int> RunAsync(TestAuthority authority, string work, IReadOnlyList<App> apps,
        int passes, TimeSpan load)
    {
        var mix = new TokenMix(authority, work);
        var (token, tenancy) = mix.Probe();
        var warmFile = mix.Warm();
        var settings = TokenMix.ServiceSettings(authority.Instance);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var samples = new List<Sample>();

        for (var pass = 1; pass <= passes; pass++)
        {
            foreach (var (name, dll, environment) in apps)
            {
                var variables = name == "baseline" ? [] : new Dictionary<string, string>(settings);
                foreach (var (key, value) in environment ?? new Dictionary<string, string>())
                {
                    variables[key] = value;
                }

                var started = Stopwatch.StartNew();
                using var app = ServiceProcess.Start(dll, variables, name: name);
                await ServiceProcess.WaitForAsync(() => AuthorizedAsync(http, app.Url, token, tenancy), TimeSpan.FromSeconds(60), $"{name}'s first 200", s_poll);
                var startSeconds = started.Elapsed.TotalSeconds;
                var startCpu = app.CpuSeconds();
                await Task.Delay(TimeSpan.FromSeconds(2));
                var idle = app.ResidentKilobytes() / 1024.0;
                // --load-seconds 0: start-up and idle memory only.
                var result = load > TimeSpan.Zero ? await LoadAsync(app.Url, warmFile, load) : null;
                var sample = new Sample(pass, name, startSeconds, startCpu, idle, app.ResidentKilobytes() / 1024.0,
                    result?.RequestsPerSecond ?? double.NaN, result is null ? 0 : result.Non2xx + result.SocketErrors);
                samples.Add(sample);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"startup: pass {pass} {name,-12} start → 200 {sample.StartSeconds:0.000} s (CPU {sample.StartCpuSeconds:0.00} s)  idle {sample.IdleMegabytes:0} MB  after load {sample.LoadedMegabytes:0} MB  {sample.RequestsPerSecond,8:N0} req/s{(sample.Errors > 0 ? $"  {sample.Errors} errors" : "")}"));
            }
        }

        var baseline = samples.Where(s => s.Name == "baseline").ToList();
        Console.WriteLine();
        Console.WriteLine($"| app | start → first 200 s | CPU s by then | idle MB | after load MB | after load ÷ baseline | requests/s ÷ baseline |  (medians of {passes} passes, {load.TotalSeconds:0} s load)");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var name in apps.Select(a => a.Name))
        {
            var mine = samples.Where(s => s.Name == name).ToList();
            // Ratios per pass, against the baseline of the same pass, then the median.
            var memory = mine.Select(s => s.LoadedMegabytes / baseline.Single(b => b.Pass == s.Pass).LoadedMegabytes);
            var rate = mine.Select(s => s.RequestsPerSecond / baseline.Single(b => b.Pass == s.Pass).RequestsPerSecond);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {Median(mine.Select(s => s.StartSeconds)):0.000} | {Median(mine.Select(s => s.StartCpuSeconds)):0.00} | {Median(mine.Select(s => s.IdleMegabytes)):0} | {Median(mine.Select(s => s.LoadedMegabytes)):0} | {Median(memory):0.00} | {Median(rate):0.00} |"));
        }

        return samples.Any(s => s.Errors > 0) ? 1 : 0;
    }

    private static async Task<WrkResult> LoadAsync(string url, string requestsFile, TimeSpan load)
    {
        await Wrk.RunAsync(url, requestsFile, TimeSpan.FromSeconds(2));
        return await Wrk.RunAsync(url, requestsFile, load);
    }

    private static async Task<bool> AuthorizedAsync(HttpClient http, string url, string token, string tenancy)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{url}/account/me");
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.Add(AccountApiHeaders.TenantId, tenancy);
        using var response = await http.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed record Sample(int Pass, string Name, double StartSeconds, double StartCpuSeconds, double IdleMegabytes, double LoadedMegabytes, double RequestsPerSecond, long Errors);
}
