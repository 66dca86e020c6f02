namespace AccountApi.Bench;

/// <summary>One goal of issue 10, judged on the worst round (so that a lucky round cannot pass it).</summary>
internal sealed record Goal(string Figure, string Target, double? Measured, bool? Met, string Note);

internal static class Goals
{
    public static List<Goal> Judge(IReadOnlyList<Measurement> measurements, double startSeconds, int tenancies, string? scaleSkipped)
    {
        return
        [
            AtLeast("warm ÷ baseline requests/s", 0.85, Worst("warm", m => m.RatioToBaseline, min: true)),
            AtLeast("cold ÷ baseline requests/s", 0.45, Worst("cold", m => m.RatioToBaseline, min: true)),
            AtLeast("refused ÷ baseline requests/s", 0.45, Worst("refused", m => m.RatioToBaseline, min: true)),
            AtLeast("refused ÷ cold requests/s (no refusal costs more than an acceptance)", 1.0, PerRound("refused", "cold", (a, b) => a.RequestsPerSecond / b.RequestsPerSecond, min: true)),
            AtMost("warm p99 ÷ baseline p99", 1.5, PerRound("warm", "baseline", (a, b) => a.P99Ms / b.P99Ms, min: false)),
            Scale(tenancies, scaleSkipped, PerRound("scale-tenancies", "warm", (a, b) => a.RequestsPerSecond / b.RequestsPerSecond, min: true)),
            AtMost("start → first authorized 200, published service (s)", 0.4, startSeconds),
            AtMost("resident memory after load ÷ baseline's", 1.2, PerRound("warm", "baseline", (a, b) => a.ResidentMegabytes / b.ResidentMegabytes, min: false)),
        ];

        double? Worst(string scenario, Func<Measurement, double> figure, bool min)
        {
            var valid = measurements.Where(m => m.Scenario == scenario && m.Error is null).Select(figure).ToList();
            return valid.Count == 0 || measurements.Any(m => m.Scenario == scenario && m.Error is not null) ? null : min ? valid.Min() : valid.Max();
        }

        double? PerRound(string scenario, string reference, Func<Measurement, Measurement, double> figure, bool min)
        {
            var pairs = measurements.Where(m => m.Scenario == scenario)
                .Select(m => (Measured: m, Reference: measurements.Single(r => r.Round == m.Round && r.Scenario == reference)))
                .ToList();
            if (pairs.Count == 0 || pairs.Any(p => p.Measured.Error is not null || p.Reference.Error is not null))
            {
                return null;
            }

            var values = pairs.Select(p => figure(p.Measured, p.Reference)).ToList();
            return min ? values.Min() : values.Max();
        }
    }

    // The goal is stated at 100,000 tenancies: a figure at fewer is shown but does not meet it.
    private static Goal Scale(int tenancies, string? skipped, double? measured)
    {
        var figure = $"{tenancies:N0} tenancies ÷ 3 tenancies (warm requests/s)";
        if (skipped is not null)
        {
            return new(figure, "≥ 0.97", null, null, "not measured: " + skipped);
        }

        var goal = AtLeast(figure, 0.97, measured);
        return tenancies >= 100_000 || goal.Met is not true
            ? goal
            : goal with { Met = null, Note = $"measured at {tenancies:N0}, not 100,000: the goal stays open" };
    }

    private static Goal AtLeast(string figure, double target, double? measured) =>
        new(figure, $"≥ {target:0.##}", measured, measured is null ? null : measured >= target, measured is null ? "not measured: a round had errors" : "");

    private static Goal AtMost(string figure, double target, double? measured) =>
        new(figure, $"≤ {target:0.##}", measured, measured is null ? null : measured <= target, measured is null ? "not measured: a round had errors" : "");
}
