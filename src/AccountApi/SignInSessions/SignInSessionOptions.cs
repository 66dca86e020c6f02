namespace AccountApi.SignInSessions;

/// <summary>
/// The <c>Revocation:Graph</c> section: the application credentials with which the operator's revocation route also
/// ends the user's Entra sign-in sessions through Microsoft Graph (<c>revokeSignInSessions</c>), so that refresh tokens
/// and the browser's single sign-on stop minting new tokens. Off unless <see cref="ClientId"/> is set.
/// </summary>
public sealed class SignInSessionOptions
{
    public const string SectionName = "Revocation:Graph";

    /// <summary>The named <see cref="HttpClient"/> for the authority and Graph; a host may configure its handler.</summary>
    public const string HttpClientName = "AccountApi.MicrosoftGraph";

    /// <summary>
    /// The application id Graph tokens are requested for (client credentials), usually the API's own registration. It
    /// needs Graph's application permission <c>User.RevokeSessions.All</c>, consented in every directory it acts in.
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>Its client secret (from a secret store, never from a file in the repository).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The authority's instance; by default <c>AzureAd:Instance</c> (Entra's <c>https://login.microsoftonline.com/</c>).</summary>
    public string? Instance { get; set; }

    /// <summary>Microsoft Graph's versioned base address.</summary>
    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    /// <summary>The scope of the client-credentials request: Graph's application permissions, all of them.</summary>
    public string Scope { get; set; } = "https://graph.microsoft.com/.default";

    /// <summary>The longest the token request and the Graph call may take together. Between 1 and 60 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId);
}
