namespace AccountApi.Telemetry;

/// <summary>The values of <c>accountapi.token.validation.duration</c>'s <c>path</c> tag.</summary>
internal static class TokenValidationPaths
{
    /// <summary>Served from the validated-token cache after its per-hit checks.</summary>
    public const string Cached = "cached";

    /// <summary>Through JwtBearer and Microsoft.Identity.Web: a new token, one no longer servable from the cache, or a refusal.</summary>
    public const string Full = "full";
}
