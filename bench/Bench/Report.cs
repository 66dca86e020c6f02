using System.Globalization;
using System.Text.Json;

namespace AccountApi.Bench;

/// <summary>The table on the console and the figures as JSON (<c>bench/results/latest.json</c>).</summary>
internal static class Report
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void PrintProgress(Measurement m) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench: round {m.Round} {m.Scenario,-16} {m.RequestsPerSecond,9:N0} req/s  {m.RatioToBaseline:0.00}×  p99 {m.P99Ms:0.00} ms  CPU {m.CpuMicrosecondsPerRequest:0.0} µs/request{(m.Error is null ? "" : "  ERROR: " + m.Error)}"));

    public static void Print(IReadOnlyList<Scenario> scenarios, IReadOnlyList<Measurement> measurements, IReadOnlyList<Goal> goals,
        double startSeconds, double idleMegabytes, int coldTokens)
    {
        Console.WriteLine();
        Console.WriteLine("| round | scenario | requests/s | ÷ baseline | p50 ms | p99 ms | p99.9 ms | non-2xx | socket errors | RSS after MB | server CPU µs/request |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var m in measurements)
        {
            var error = m.Error is null ? "" : " **ERROR**";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {m.Round} | {m.Scenario}{error} | {m.RequestsPerSecond:N0} | {m.RatioToBaseline:0.00} | {m.P50Ms:0.00} | {m.P99Ms:0.00} | {m.P999Ms:0.00} | {m.Non2xx:N0} | {m.SocketErrors:N0} | {m.ResidentMegabytes:0} | {m.CpuMicrosecondsPerRequest:0.0} |"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"start → first authorized 200 (published service): {startSeconds:0.00} s; idle resident memory: {idleMegabytes:0} MB"));
        foreach (var scenario in scenarios)
        {
            Console.WriteLine($"  {scenario.Name}: {scenario.Description}");
        }

        var cycles = measurements.Where(m => m.Scenario == "cold").Select(m => m.Requests / (double)coldTokens).DefaultIfEmpty().Max();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  cold: each round sent each of the {coldTokens:N0} tokens up to {cycles:0.0} times, in a cycle three times longer than the validated-token cache remembers (TokenCache:MaxEntries, 10,000 by default; a token is cached on its second acceptance): nearly every request is a first use, validated in full"));
        foreach (var error in measurements.Where(m => m.Error is not null))
        {
            Console.WriteLine($"ERROR in round {error.Round}, {error.Scenario}: {error.Error}");
        }

        Console.WriteLine();
        Console.WriteLine("| goal (worst round) | target | measured | met |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var goal in goals)
        {
            var measured = goal.Measured is { } value ? value.ToString("0.00", CultureInfo.InvariantCulture) : "—";
            var met = goal.Met switch { true => "met", false => "**not met**", null => "open" };
            Console.WriteLine($"| {goal.Figure} | {goal.Target} | {measured} | {met}{(goal.Note.Length == 0 ? "" : " (" + goal.Note + ")")} |");
        }
    }

    public static void WriteJson(string path, IReadOnlyList<Scenario> scenarios, IReadOnlyList<Measurement> measurements, IReadOnlyList<Goal> goals,
        StartUp startUp, bool quick, TimeSpan duration, int slices)
    {
        var document = new
        {
            Date = DateTimeOffset.UtcNow,
            Machine = new { Environment.ProcessorCount, Os = Environment.OSVersion.VersionString, Runtime = Environment.Version.ToString() },
            Settings = new { Quick = quick, Slices = slices, Wrk = $"-t1 -c32 -d{(duration / slices).TotalSeconds}s --latency, {slices} times a round per scenario" },
            Scenarios = scenarios.Select(s => new { s.Name, Target = s.Target.ToString(), s.Description }),
            StartUp = startUp,
            Measurements = measurements,
            Goals = goals,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(document, s_json));
    }
}

/// <summary>
/// Start-up figures: the published service with 3 tenancies, and on a registry holding the scale scenario's
/// tenancies (filled through the admin API's import beforehand), with its resident memory per tenancy once loaded.
/// </summary>
internal sealed record StartUp(
    double FirstAuthorized200Seconds,
    double IdleResidentMegabytes,
    int ScaleTenancies,
    double? ScaleImportSeconds,
    double? ScaleFirstAuthorized200Seconds,
    double? ScaleNativeFirstAuthorized200Seconds,
    double? ScaleBytesPerTenancy,
    string? ScaleSkipped,
    int ColdTokenCycle);
