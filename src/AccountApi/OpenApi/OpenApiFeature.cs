using System.Diagnostics.CodeAnalysis;

namespace AccountApi.OpenApi;

/// <summary>
/// Whether this build contains the OpenAPI document and Swagger UI. Swashbuckle builds the document by reflection,
/// which Native AOT cannot keep, so the native publish turns this switch off and its compiler drops every use of
/// Swashbuckle; the framework-dependent build, the development host and the tests keep it on.
/// </summary>
internal static class OpenApiFeature
{
    public const string SwitchName = "AccountApi.OpenApi.IsSupported";

    [FeatureSwitchDefinition(SwitchName)]
    public static bool IsSupported { get; } = !AppContext.TryGetSwitch(SwitchName, out var isSupported) || isSupported;
}
