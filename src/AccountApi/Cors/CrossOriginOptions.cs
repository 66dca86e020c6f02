namespace AccountApi.Cors;

/// <summary>
/// The <c>Cors</c> section: the origins of browser apps allowed to call the API cross-origin. Empty (the default)
/// allows none; a preflight is still answered, without CORS headers, so that no browser lets the call through.
/// </summary>
public sealed class CrossOriginOptions
{
    public const string SectionName = "Cors";

    /// <summary>Origins such as <c>https://app.contoso.example</c> or <c>http://localhost:3000</c>: scheme, host, port; no path.</summary>
    public IList<string> AllowedOrigins { get; } = new List<string>();
}
