namespace AccountApi.DevIdentity.Configuration;

/// <summary>A registered client application, read-only.</summary>
internal sealed record DevClient(
    string Name,
    string ClientId,
    string? Secret,
    IReadOnlyList<string> RedirectUris,
    bool IsPublic,
    bool AllowClientCredentials,
    IReadOnlyList<string> AppRoles,
    IReadOnlyList<string> GraphRoles,
    Guid ServicePrincipalId)
{
    public bool IsConfidential => !IsPublic;

    public bool HasRedirectUri(string redirectUri) => RedirectUris.Contains(redirectUri, StringComparer.Ordinal);
}
