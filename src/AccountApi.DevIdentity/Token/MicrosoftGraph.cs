namespace AccountApi.DevIdentity.Token;

/// <summary>
/// Microsoft Graph, the resource Entra issues the access token for when a sign-in names only OpenID scopes. Its
/// userinfo endpoint accepts only such tokens.
/// </summary>
internal static class MicrosoftGraph
{
    /// <summary>Graph's well-known application id, the <c>aud</c> of those tokens.</summary>
    public const string ApplicationId = "00000003-0000-0000-c000-000000000000";
}
