using System.Diagnostics;
using System.Text.Encodings.Web;
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
/// JwtBearer (Microsoft.Identity.Web's configuration, our events) and its result returned unchanged.
/// </summary>
internal sealed class CachedBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ValidatedTokenCache cache,
    AdmittedDirectories directories,
    IOptionsMonitor<JwtBearerOptions> jwtBearer,
    AccountMetrics metrics)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "CachedBearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (BearerToken(authorization) is not { } token)
        {
            // JwtBearer's own answer for a request without a token (no result), so that nothing differs from it.
            return await Context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        }

        var started = Stopwatch.GetTimestamp();
        // Hashed where it lies in the header: a hit copies nothing out of the request.
        var digest = AccessTokenDigest.Of(authorization.AsSpan(token));
        if (cache.Find(digest) is { } cached)
        {
            metrics.TokenValidated(TokenValidationPaths.Cached, Stopwatch.GetElapsedTime(started));
            return AuthenticateResult.Success(new AuthenticationTicket(cached, Scheme.Name));
        }

        var presented = new PresentedToken(authorization, token, digest);
        Context.Features.Set(presented);
        var result = await Context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        metrics.TokenValidated(TokenValidationPaths.Full, Stopwatch.GetElapsedTime(started));
        if (!result.Succeeded || ReadOnlyClaimsPrincipal.CopyOf(result.Principal) is not { } shared)
        {
            return result;
        }

        // Every request authenticated here sees a read-only principal, cached or not, so nothing depends on which it was.
        // Only a directory this service serves may take room in the cache: a stranger's valid tokens would push callers out.
        if (presented.Accepted is { } accepted && directories.Admits(accepted.Subject.DirectoryId))
        {
            cache.Add(digest, accepted, shared, jwtBearer.Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters.ClockSkew);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(shared, result.Properties, Scheme.Name));
    }

    // Where the token lies in the header, read exactly as JwtBearer reads it (values joined, "Bearer " in any case,
    // trimmed), so that a hit can only be for the very string JwtBearer validated: PresentedToken.Accept compares them
    // before anything is cached.
    private static Range? BearerToken(string authorization)
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
