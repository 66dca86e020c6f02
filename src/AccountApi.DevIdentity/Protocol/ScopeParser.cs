using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Logging;

namespace AccountApi.DevIdentity.Protocol;

/// <summary>
/// Parses <c>scope</c> parameters. API scopes are accepted as <c>api://{ClientId}/Name</c> or <c>{ClientId}/Name</c>;
/// <c>.default</c> (and the seed's <c>default</c>) mean every delegated scope. OpenID scopes are kept apart; a
/// request with OpenID scopes only is for Microsoft Graph, as Entra issues it.
/// </summary>
internal sealed class ScopeParser(DevIdentityCatalog catalog)
{
    private static readonly string[] s_openIdScopes = [ScopeRequest.OpenId, "profile", "email", ScopeRequest.OfflineAccess];

    public string ApiScopePrefix => $"api://{catalog.ApiClientId}/";

    /// <summary>Every OpenID scope the provider knows, for discovery.</summary>
    public static IReadOnlyList<string> OpenIdScopes => s_openIdScopes;

    /// <summary>Parses a delegated (user) scope request; returns null and a reason when it is not acceptable.</summary>
    public ScopeRequest? ParseDelegated(string scope, out string? error)
    {
        var apiScopes = new List<string>();
        var openIdScopes = new List<string>();
        foreach (var item in Split(scope))
        {
            if (s_openIdScopes.FirstOrDefault(s => string.Equals(s, item, StringComparison.OrdinalIgnoreCase)) is { } openIdScope)
            {
                openIdScopes.Add(openIdScope);
                continue;
            }

            var name = StripApiPrefix(item);
            if (name is ".default" or "default")
            {
                apiScopes.AddRange(catalog.ApiScopes);
                continue;
            }

            var known = name is null ? null : catalog.ApiScopes.FirstOrDefault(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                error = $"The scope '{LogValue.Sanitize(item)}' is not offered. Request {ApiScopePrefix}.default or one of: {string.Join(", ", catalog.ApiScopes.Select(s => ApiScopePrefix + s))}, with OpenID scopes (openid profile email offline_access) if wanted.";
                return null;
            }

            apiScopes.Add(known);
        }

        if (apiScopes.Count == 0 && openIdScopes.Count == 0)
        {
            error = $"The scope names no permission. Add {ApiScopePrefix}.default or one of: {string.Join(", ", catalog.ApiScopes.Select(s => ApiScopePrefix + s))}; 'openid profile' alone signs in with a Microsoft Graph token.";
            return null;
        }

        error = null;
        return new ScopeRequest([.. apiScopes.Distinct(StringComparer.Ordinal)], [.. openIdScopes.Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>The client credentials grant accepts only the API's <c>.default</c> scope.</summary>
    public bool IsApplicationDefault(string scope)
    {
        var items = Split(scope);
        return items.Length == 1 && StripApiPrefix(items[0]) is ".default" or "default";
    }

    public string Format(IEnumerable<string> apiScopes) => string.Join(' ', apiScopes.Select(s => ApiScopePrefix + s));

    /// <summary>The token response's <c>scope</c>: the API scopes in full form, or the Graph token's OpenID scopes.</summary>
    public string Format(ScopeRequest scopes) => scopes.IsForGraph ? string.Join(' ', scopes.GraphScopes) : Format(scopes.ApiScopes);

    private static string[] Split(string scope) => scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private string? StripApiPrefix(string item)
    {
        foreach (var prefix in (ReadOnlySpan<string>)[ApiScopePrefix, catalog.ApiClientId + "/"])
        {
            if (item.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return item[prefix.Length..];
            }
        }

        return null;
    }
}
