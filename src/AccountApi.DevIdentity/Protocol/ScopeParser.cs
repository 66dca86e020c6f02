using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Logging;

namespace AccountApi.DevIdentity.Protocol;

/// <summary>
/// Parses <c>scope</c> parameters. API scopes are accepted as <c>api://{ClientId}/Name</c> or <c>{ClientId}/Name</c>;
/// <c>.default</c> (and the seed's <c>default</c>) mean every delegated scope. OpenID scopes are accepted and left
/// out of <c>scp</c>.
/// </summary>
internal sealed class ScopeParser(DevIdentityCatalog catalog)
{
    private static readonly string[] s_openIdScopes = ["openid", "profile", "email", "offline_access"];

    public string ApiScopePrefix => $"api://{catalog.ApiClientId}/";

    /// <summary>Parses a delegated (user) scope request; returns null and a reason when it is not acceptable.</summary>
    public ScopeRequest? ParseDelegated(string scope, out string? error)
    {
        var apiScopes = new List<string>();
        var offlineAccess = false;
        foreach (var item in Split(scope))
        {
            if (s_openIdScopes.Contains(item, StringComparer.OrdinalIgnoreCase))
            {
                offlineAccess |= string.Equals(item, "offline_access", StringComparison.OrdinalIgnoreCase);
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
                error = $"The scope '{LogValue.Sanitize(item)}' is not offered. Request {ApiScopePrefix}.default or one of: {string.Join(", ", catalog.ApiScopes.Select(s => ApiScopePrefix + s))}.";
                return null;
            }

            apiScopes.Add(known);
        }

        if (apiScopes.Count == 0)
        {
            error = $"The scope names no API permission. Add {ApiScopePrefix}.default or one of: {string.Join(", ", catalog.ApiScopes.Select(s => ApiScopePrefix + s))}.";
            return null;
        }

        error = null;
        return new ScopeRequest([.. apiScopes.Distinct(StringComparer.Ordinal)], offlineAccess);
    }

    /// <summary>The client credentials grant accepts only the API's <c>.default</c> scope.</summary>
    public bool IsApplicationDefault(string scope)
    {
        var items = Split(scope);
        return items.Length == 1 && StripApiPrefix(items[0]) is ".default" or "default";
    }

    public string Format(IEnumerable<string> apiScopes) => string.Join(' ', apiScopes.Select(s => ApiScopePrefix + s));

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
