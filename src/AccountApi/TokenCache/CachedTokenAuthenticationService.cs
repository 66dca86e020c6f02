using System.Security.Claims;
using AccountApi.Telemetry;
using Microsoft.AspNetCore.Authentication;

namespace AccountApi.TokenCache;

/// <summary>
/// The application's <see cref="IAuthenticationService"/>: the framework's own (<see cref="AuthenticationService"/>,
/// one per request) for everything, except authenticating the default scheme for a token the
/// <see cref="ValidatedTokenCache"/> serves. That answer is the one the framework would give — the scheme's handler
/// would find the same entry, and there is no claims transformation to apply — without building the handler
/// provider, the handler and the service for the request: the work a hit does not need.
/// </summary>
/// <remarks>
/// Nothing here decides anything: a token the cache does not serve (new, expired, revoked, its key withdrawn) goes to
/// the framework and its scheme (<see cref="CachedBearerHandler"/>, then JwtBearer), which gives the refusal its reason.
/// With a claims transformation registered, every request goes to the framework, so that the transformation applies.
/// </remarks>
internal sealed class CachedTokenAuthenticationService(
    ValidatedTokenCache cache, IServiceScopeFactory scopes, AccountMetrics metrics) : IAuthenticationService
{
    private readonly bool _servesHits = cache.Enabled && !TransformsClaims(scopes);

    public Task<AuthenticateResult> AuthenticateAsync(HttpContext context, string? scheme)
    {
        if (scheme == CachedBearerHandler.SchemeName && Hit(context) is { } entry)
        {
            return entry.Authenticated;
        }

        return Framework(context).AuthenticateAsync(context, scheme);
    }

    public Task ChallengeAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) =>
        Framework(context).ChallengeAsync(context, scheme, properties);

    public Task ForbidAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) =>
        Framework(context).ForbidAsync(context, scheme, properties);

    public Task SignInAsync(HttpContext context, string? scheme, ClaimsPrincipal principal, AuthenticationProperties? properties) =>
        Framework(context).SignInAsync(context, scheme, principal, properties);

    public Task SignOutAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) =>
        Framework(context).SignOutAsync(context, scheme, properties);

    /// <summary>Whether hits are answered here (false: the cache is off, or a claims transformation must see every request).</summary>
    public bool ServesHits => _servesHits;

    /// <summary>The cache's entry for the request's bearer token, when hits are answered here.</summary>
    internal CachedToken? Hit(HttpContext context)
    {
        if (!_servesHits)
        {
            return null;
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        return CachedBearerHandler.BearerToken(authorization) is { } token ? CachedBearerHandler.FromCache(cache, metrics, context, authorization, token) : null;
    }

    // Asked in a scope: a transformation may be registered per request.
    private static bool TransformsClaims(IServiceScopeFactory scopes)
    {
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetService<IClaimsTransformation>() is not (null or NoopClaimsTransformation);
    }

    private static AuthenticationService Framework(HttpContext context) => context.RequestServices.GetRequiredService<AuthenticationService>();
}
