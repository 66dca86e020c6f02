namespace AccountApi.DevIdentity;

/// <summary>A registered client application (section <c>DevIdentity:Clients:{name}</c>).</summary>
public sealed class DevIdentityClientOptions
{
    /// <summary>The client's application id, a GUID.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The client secret of a confidential client; must be absent for a public client.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Redirect URIs, matched by exact string equality.</summary>
    public IList<string> RedirectUris { get; } = new List<string>();

    /// <summary>A public client (SPA, native) has no secret and must use PKCE.</summary>
    public bool Public { get; set; }

    /// <summary>Allows the client credentials grant (confidential clients only).</summary>
    public bool AllowClientCredentials { get; set; }

    /// <summary>API application roles granted to the client; the <c>roles</c> claim of its app-only tokens.</summary>
    public IList<string> AppRoles { get; } = new List<string>();

    /// <summary>
    /// Microsoft Graph application permissions granted to the client (only <c>User.RevokeSessions.All</c> is known): the
    /// <c>roles</c> of its app-only tokens for <c>https://graph.microsoft.com/.default</c>.
    /// </summary>
    public IList<string> GraphRoles { get; } = new List<string>();
}
