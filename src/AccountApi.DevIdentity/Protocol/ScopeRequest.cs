namespace AccountApi.DevIdentity.Protocol;

/// <summary>The API scopes a request asked for (names as configured) and whether it asked for <c>offline_access</c>.</summary>
internal sealed record ScopeRequest(IReadOnlyList<string> ApiScopes, bool OfflineAccess);
