using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AccountApi.Telemetry;

internal static class TelemetryExtensions
{
    /// <summary>The standard OpenTelemetry environment variable that turns OTLP export on.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>ASP.NET Core's traces and metrics, its authentication and authorization meters, and the service's own.</summary>
    public static IHostApplicationBuilder AddAccountTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName);
        builder.Services.AddSingleton<AccountMetrics>();

        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddAspNetCoreInstrumentation());
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter("Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Authorization", AccountMetrics.MeterName));

        // Exported only where an operator asked for it; the other OTEL_* variables (headers, protocol, service name)
        // are read by the exporter itself. Without an endpoint the SDK is not started at all: it would record every
        // request for nobody and lengthen start-up. A host that adds an exporter of its own (the tests' in-memory one)
        // calls AddOpenTelemetry itself and gets the instruments configured above.
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]))
        {
            builder.Services.AddOpenTelemetry().WithTracing().WithMetrics().UseOtlpExporter();
        }

        return builder;
    }
}
