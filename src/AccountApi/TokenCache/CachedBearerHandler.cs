using System.Diagnostics;
using AccountApi.Authentication;
using AccountApi.Entra;
using AccountApi.Telemetry;
using AccountApi.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace AccountApi.TokenCache;

/// <summary>
/// The default authentication scheme, in front of JwtBearer: the one place a request can be authenticated without
/// the full pipeline. A token the <see cref="ValidatedTokenCache"/> holds, and whose checks still pass, is answered
/// here. Every other request — no token, a new token, a token no longer servable, every refusal — is handed to
/// JwtBearer (Microsoft.Identity.Web's configuration, our events) and its result returned unchanged; so are
/// challenges and forbids.
/// </summary>
/// <remarks>
/// An <see cref="IAuthenticationHandler"/> of its own rather than an <c>AuthenticationHandler&lt;TOptions&gt;</c>: it
/// has no options, and the base class resolves options and creates a logger for every request. What is left per
/// request is this object, made by the container from singletons.
/// </remarks>
internal sealed class CachedBearerHandler(
    ValidatedTokenCache cache,
    AdmittedDirectories directories,
    IOptionsMonitor<JwtBearerOptions> jwtBearer,
    AccountMetrics metrics) : IAuthenticationHandler
{
    public const string SchemeName = "CachedBearer";

    private AuthenticationScheme _scheme = null!;
    private HttpContext _context = null!;
    private Task<AuthenticateResult>? _result;

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        _scheme = scheme;
        _context = context;
        return Task.CompletedTask;
    }

    // Once per request, as AuthenticationHandler does: the authorization step authenticates again.
    public Task<AuthenticateResult> AuthenticateAsync() => _result ??= AuthenticateOnceAsync();

    public Task ChallengeAsync(AuthenticationProperties? properties) =>
        _context.ChallengeAsync(JwtBearerDefaults.AuthenticationScheme, properties);

    public Task ForbidAsync(AuthenticationProperties? properties) =>
        _context.ForbidAsync(JwtBearerDefaults.AuthenticationScheme, properties);

    private async Task<AuthenticateResult> AuthenticateOnceAsync()
    {
        var authorization = _context.Request.Headers.Authorization.ToString();
        if (BearerToken(authorization) is not { } token)
        {
            // JwtBearer's own answer for a request without a token (no result), so that nothing differs from it.
            return await _context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        }

        // Hits are normally recorded before this handler is built (CachedTokenAuthenticationMiddleware, then
        // CachedTokenAuthenticationService); this one serves whoever asks the scheme otherwise.
        if (FromCache(cache, metrics, _context, authorization, token) is { } cached)
        {
            return _scheme.Name == SchemeName
                ? await cached.Authenticated
                : AuthenticateResult.Success(new AuthenticationTicket(cached.Principal, _scheme.Name));
        }

        var started = Stopwatch.GetTimestamp();
        var presented = new PresentedToken(authorization, token, AccessTokenDigest.Of(authorization.AsSpan(token)));
        _context.Features.Set(presented);
        var result = await _context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        metrics.TokenValidated(TokenValidationPaths.Full, Stopwatch.GetElapsedTime(started));
        if (!result.Succeeded || ReadOnlyClaimsPrincipal.CopyOf(result.Principal) is not { } shared)
        {
            return result;
        }

        // Every request authenticated here sees a read-only principal, cached or not, so nothing depends on which it was.
        // Only a directory this service serves may take room in the cache: a stranger's valid tokens would push callers out.
        if (presented.Accepted is { } accepted && directories.Admits(accepted.Subject.DirectoryId))
        {
            cache.Add(authorization.AsSpan(token), presented.Digest, accepted, shared,
                jwtBearer.Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters.ClockSkew);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(shared, result.Properties, _scheme.Name));
    }

    /// <summary>
    /// The cache's entry for the bearer token at <paramref name="token"/> in <paramref name="authorization"/>, counted as
    /// a cached validation. Looked up once per request: a miss is recorded on the request (<see cref="TokenCacheMiss"/>),
    /// so that the middleware, the authentication service and this scheme, each asked in turn on a first use, do not
    /// hash the token again.
    /// </summary>
    internal static CachedToken? FromCache(ValidatedTokenCache cache, AccountMetrics metrics, HttpContext context, string authorization, Range token)
    {
        if (context.Features.Get<TokenCacheMiss>() is not null)
        {
            return null;
        }

        var started = Stopwatch.GetTimestamp();
        // Looked up where it lies in the header: a hit copies nothing out of the request.
        var cached = cache.Find(authorization.AsSpan(token));
        if (cached is null)
        {
            context.Features.Set(TokenCacheMiss.Recorded);
            return null;
        }

        metrics.TokenValidated(TokenValidationPaths.Cached, Stopwatch.GetElapsedTime(started));
        return cached;
    }

    // Where the token lies in the header, read exactly as JwtBearer reads it (values joined, "Bearer " in any case,
    // trimmed), so that a hit can only be for the very string JwtBearer validated: PresentedToken.Accept compares them
    // before anything is cached.
    internal static Range? BearerToken(string authorization)
    {
        const string Bearer = "Bearer ";
        if (!authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var value = authorization.AsSpan(Bearer.Length);
        var token = value.Trim();
        var start = Bearer.Length + (value.Length - value.TrimStart().Length);
        return token.IsEmpty ? null : start..(start + token.Length);
    }
}
