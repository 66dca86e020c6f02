using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace AccountApi.Tests.Infrastructure;

/// <summary>What a host's OpenTelemetry pipeline exports, read through the SDK's in-memory exporter.</summary>
public sealed class ExportedMetrics
{
    private readonly List<MetricSnapshot> _exported = [];
    private WebApplicationFactory<Program>? _host;

    /// <summary>The host with the in-memory exporter added to the service's own OpenTelemetry set-up.</summary>
    public WebApplicationFactory<Program> Attach(WebApplicationFactory<Program> factory) =>
        _host = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddInMemoryExporter(_exported))));

    /// <summary>The current sum of <paramref name="instrument"/>'s points that carry every one of <paramref name="tags"/>.</summary>
    public long Sum(string instrument, params (string Key, string Value)[] tags) =>
        Points(instrument).Where(point => tags.All(tag => point.Tags.Contains(new(tag.Key, tag.Value)))).Sum(point => point.Sum);

    /// <summary>Every point of <paramref name="instrument"/>, with its tags, after a flush.</summary>
    public IReadOnlyList<(Dictionary<string, object?> Tags, long Sum)> Points(string instrument)
    {
        _host!.Services.GetRequiredService<MeterProvider>().ForceFlush();
        // Cumulative temporality: the latest export of an instrument holds its totals.
        var latest = _exported.LastOrDefault(metric => metric.Name == instrument);
        if (latest is null)
        {
            return [];
        }

        var points = new List<(Dictionary<string, object?>, long)>();
        foreach (var point in latest.MetricPoints)
        {
            var tags = new Dictionary<string, object?>();
            foreach (var tag in point.Tags)
            {
                tags[tag.Key] = tag.Value;
            }

            points.Add((tags, point.GetSumLong()));
        }

        return points;
    }
}
