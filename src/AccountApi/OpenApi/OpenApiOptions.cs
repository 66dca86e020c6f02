namespace AccountApi.OpenApi;

/// <summary>The <c>OpenApi</c> section.</summary>
public sealed class OpenApiOptions
{
    public const string SectionName = "OpenApi";

    /// <summary>Serves <c>/swagger/v1/swagger.json</c> and Swagger UI at <c>/swagger</c>. On in Development, off otherwise unless set.</summary>
    public bool? Enabled { get; set; }

    /// <summary>The public client (PKCE, no secret) Swagger UI signs in as; its redirect is <c>{host}/swagger/oauth2-redirect.html</c>.</summary>
    public string? ClientId { get; set; }
}
