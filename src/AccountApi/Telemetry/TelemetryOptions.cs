namespace AccountApi.Telemetry;

/// <summary>The <c>Telemetry</c> section. Export itself is configured the OpenTelemetry way, by <c>OTEL_*</c> variables.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>
    /// Tags the service's metrics with the tenancy name. Off by default: each tenancy multiplies the series a metrics
    /// backend stores. Only configured names are ever used as tags, never what a caller sent.
    /// </summary>
    public bool TagTenancy { get; set; }
}
