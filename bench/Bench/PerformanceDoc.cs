using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AccountApi.Bench;

/// <summary>
/// Renders <c>bench/results/latest.json</c> into <c>docs/performance.md</c> between its markers, so that the figures
/// the documentation shows are always the ones the last run wrote, never pasted by hand.
/// </summary>
internal static class PerformanceDoc
{
    public const string Begin = "<!-- bench:begin -->";
    public const string End = "<!-- bench:end -->";

    public const string SummaryBegin = "<!-- bench:summary:begin -->";
    public const string SummaryEnd = "<!-- bench:summary:end -->";

    /// <summary>The full tables into <paramref name="documentPath"/>, and the short summary into README.md beside it.</summary>
    public static void Update(string resultsPath, string documentPath)
    {
        using var results = JsonDocument.Parse(File.ReadAllText(resultsPath));
        Fill(documentPath, Begin, End, Render(results.RootElement));
        var readme = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(documentPath))!, "..", "README.md");
        if (File.Exists(readme))
        {
            Fill(readme, SummaryBegin, SummaryEnd, RenderSummary(results.RootElement));
        }
    }

    private static void Fill(string documentPath, string beginMarker, string endMarker, string generated)
    {
        var document = File.ReadAllText(documentPath);
        var begin = document.IndexOf(beginMarker, StringComparison.Ordinal);
        var end = document.IndexOf(endMarker, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            throw new InvalidOperationException($"{documentPath} has no '{beginMarker}' … '{endMarker}' section to fill.");
        }

        File.WriteAllText(documentPath, string.Concat(document.AsSpan(0, begin + beginMarker.Length), "\n", generated, document.AsSpan(end)));
    }

    /// <summary>The README's few lines: each scenario's worst ratio and CPU per request, and how many goals are met.</summary>
    public static string RenderSummary(JsonElement results)
    {
        var text = new StringBuilder();
        var measurements = results.GetProperty("measurements").EnumerateArray().ToList();
        var machine = results.GetProperty("machine");
        Line(text, $"`bench/run` on {results.GetProperty("date").GetDateTimeOffset():yyyy-MM-dd} ({machine.GetProperty("processorCount").GetInt32()} cores shared with wrk; worst of {measurements.Max(m => m.GetProperty("round").GetInt32())} rounds, requests/s ÷ the plain baseline app's in the same round, and server CPU per request):");
        Line(text, $"");
        Line(text, $"| scenario | ÷ baseline | CPU µs/request |");
        Line(text, $"|---|---|---|");
        foreach (var scenario in measurements.Select(m => m.GetProperty("scenario").GetString()!).Distinct())
        {
            var rounds = measurements.Where(m => m.GetProperty("scenario").GetString() == scenario).ToList();
            Line(text, $"| {scenario} | {rounds.Min(m => m.GetProperty("ratioToBaseline").GetDouble()):0.00} | {rounds.Min(m => m.GetProperty("cpuMicrosecondsPerRequest").GetDouble()):0}–{rounds.Max(m => m.GetProperty("cpuMicrosecondsPerRequest").GetDouble()):0} |");
        }

        var goals = results.GetProperty("goals").EnumerateArray().ToList();
        Line(text, $"");
        Line(text, $"Goals met: {goals.Count(g => g.GetProperty("met").ValueKind == JsonValueKind.True)} of {goals.Count(g => g.GetProperty("met").ValueKind != JsonValueKind.Null)} judged (the goals table and every figure: [docs/performance.md](docs/performance.md)). Generated from `bench/results/latest.json`.");
        return text.ToString();
    }

    public static string Render(JsonElement results)
    {
        var text = new StringBuilder();
        var machine = results.GetProperty("machine");
        var settings = results.GetProperty("settings");
        Line(text, $"Run of {results.GetProperty("date").GetDateTimeOffset():yyyy-MM-dd HH:mm} UTC: {machine.GetProperty("processorCount").GetInt32()} cores, .NET {machine.GetProperty("runtime").GetString()}, wrk `{settings.GetProperty("wrk").GetString()}`{(settings.GetProperty("quick").GetBoolean() ? " (**--quick**: a smoke test, not figures to quote)" : "")}.");
        Line(text, $"");
        Line(text, $"| round | scenario | requests/s | ÷ baseline | p50 ms | p99 ms | p99.9 ms | non-2xx | RSS after MB | server CPU µs/request |");
        Line(text, $"|---|---|---|---|---|---|---|---|---|---|");
        foreach (var m in results.GetProperty("measurements").EnumerateArray())
        {
            var error = m.GetProperty("error").ValueKind == JsonValueKind.String ? " **ERROR**" : "";
            Line(text, $"| {m.GetProperty("round").GetInt32()} | {m.GetProperty("scenario").GetString()}{error} | {m.GetProperty("requestsPerSecond").GetDouble():N0} | {m.GetProperty("ratioToBaseline").GetDouble():0.00} | {m.GetProperty("p50Ms").GetDouble():0.00} | {m.GetProperty("p99Ms").GetDouble():0.00} | {m.GetProperty("p999Ms").GetDouble():0.00} | {m.GetProperty("non2xx").GetInt64():N0} | {m.GetProperty("residentMegabytes").GetDouble():0} | {m.GetProperty("cpuMicrosecondsPerRequest").GetDouble():0.0} |");
        }

        var startUp = results.GetProperty("startUp");
        Line(text, $"");
        Line(text, $"Start → first authorized 200 (published service): {startUp.GetProperty("firstAuthorized200Seconds").GetDouble():0.00} s; idle resident memory {startUp.GetProperty("idleResidentMegabytes").GetDouble():0} MB.");
        if (startUp.GetProperty("scaleFirstAuthorized200Seconds") is { ValueKind: JsonValueKind.Number } scaleStart)
        {
            Line(text, $"");
            Line(text, $"Registry of {startUp.GetProperty("scaleTenancies").GetInt32():N0} tenancies (SQLite): imported through `POST /admin/tenancies/import` in {startUp.GetProperty("scaleImportSeconds").GetDouble():0.0} s; start → first authorized 200 on it {scaleStart.GetDouble():0.00} s{(startUp.TryGetProperty("scaleNativeFirstAuthorized200Seconds", out var nativeStart) && nativeStart.ValueKind == JsonValueKind.Number ? $" ({nativeStart.GetDouble():0.00} s for the native build)" : "")}; once loaded, {startUp.GetProperty("scaleBytesPerTenancy").GetDouble():0} bytes of resident memory a tenancy over the 3-tenancy service.");
        }
        Line(text, $"");
        Line(text, $"| goal (worst round) | target | measured | met |");
        Line(text, $"|---|---|---|---|");
        foreach (var goal in results.GetProperty("goals").EnumerateArray())
        {
            var measured = goal.GetProperty("measured") is { ValueKind: JsonValueKind.Number } value ? value.GetDouble().ToString("0.00", CultureInfo.InvariantCulture) : "—";
            var met = goal.GetProperty("met").ValueKind switch { JsonValueKind.True => "met", JsonValueKind.False => "**not met**", _ => "open" };
            var note = goal.GetProperty("note").GetString();
            Line(text, $"| {goal.GetProperty("figure").GetString()} | {goal.GetProperty("target").GetString()} | {measured} | {met}{(string.IsNullOrEmpty(note) ? "" : $" ({note})")} |");
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');

}
