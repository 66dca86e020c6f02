namespace AccountApi.DevIdentity.Configuration;

/// <summary>
/// Microsoft Graph, the resource Entra issues the access token for when a sign-in names only OpenID scopes (its
/// userinfo endpoint accepts only such tokens), and for a daemon granted Graph's application permissions.
/// </summary>
internal static class MicrosoftGraph
{
    /// <summary>Graph's well-known application id, the <c>aud</c> of those tokens.</summary>
    public const string ApplicationId = "00000003-0000-0000-c000-000000000000";

    /// <summary>Graph's resource URI: a client-credentials request names <c>{ResourceUri}/.default</c>.</summary>
    public const string ResourceUri = "https://graph.microsoft.com";

    /// <summary>The application permission <c>revokeSignInSessions</c> needs.</summary>
    public const string RevokeSessionsRole = "User.RevokeSessions.All";

    /// <summary>The Graph application permissions this provider can grant a client (<c>GraphRoles</c>).</summary>
    public static IReadOnlyList<string> ApplicationPermissions { get; } = [RevokeSessionsRole];

    /// <summary>Whether <paramref name="scope"/> is a client-credentials request for Graph: its resource URI or app id, then <c>/.default</c>.</summary>
    public static bool IsApplicationDefault(string scope) =>
        scope.Trim() is var single
        && (string.Equals(single, ResourceUri + "/.default", StringComparison.OrdinalIgnoreCase)
            || string.Equals(single, ApplicationId + "/.default", StringComparison.OrdinalIgnoreCase));
}
