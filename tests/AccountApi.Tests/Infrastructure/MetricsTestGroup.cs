namespace AccountApi.Tests.Infrastructure;

/// <summary>
/// Tests that read metrics run alone: OpenTelemetry listens to meters by name across the process, so another host's
/// requests running in parallel would be counted too.
/// </summary>
[CollectionDefinition(nameof(MetricsTestGroup), DisableParallelization = true)]
public sealed class MetricsTestGroup;
