using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace AccountApi.Refusals;

/// <summary>
/// The one writer of the service's problem documents (RFC 9457): a refusal (403) with, for token failures, its RFC 6750
/// challenge; a rate limit (429); an outage of the authority or of the revocation store (503, with <c>Retry-After</c>).
/// </summary>
internal static class ProblemDocuments
{
    /// <summary>
    /// Answers the request with the refusal: no-store, the challenge where the token is at fault, the problem.
    /// A claims challenge (a token refused by a cut-off whose client takes them: the base64 <c>claims</c> to ask
    /// for) only changes the header; the body stays the <c>invalid_token</c> problem, so other clients see the usual refusal.
    /// </summary>
    public static Task WriteRefusalAsync(HttpContext context, string reason, IEnumerable<string> requiredScopes, string? claimsChallenge = null)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        var challenge = reason switch
        {
            // Entra's continuous access evaluation shape, which MSAL's WwwAuthenticateParameters reads.
            RefusalReasons.InvalidToken or RefusalReasons.InsufficientClaims when claimsChallenge is not null =>
                $"Bearer error=\"insufficient_claims\", claims=\"{claimsChallenge}\"",
            RefusalReasons.MissingToken => "Bearer",
            RefusalReasons.InvalidToken => "Bearer error=\"invalid_token\"",
            RefusalReasons.UserTokenRequired or RefusalReasons.InsufficientScope =>
                $"Bearer error=\"insufficient_scope\", scope=\"{string.Join(' ', requiredScopes)}\"",
            // RFC 6750: the token lacks privileges; no scope would help, an app role is what is missing.
            RefusalReasons.RoleRequired or RefusalReasons.TenancyRoleRequired => "Bearer error=\"insufficient_scope\"",
            _ => null,
        };
        if (challenge is not null)
        {
            headers[HeaderNames.WWWAuthenticate] = challenge;
        }

        return For(context, reason).ExecuteAsync(context);
    }

    // IdentityModel retries a failed metadata fetch on the next request after its refresh interval, and Redis reconnects
    // within seconds; a client that waits this long finds out whether either is back without hammering it.
    private const string RetryAfterSeconds = "5";

    /// <summary>The problem document alone: a 403, a 429, a 502 (Graph did not end the sessions), or a 503 with <c>Retry-After</c> for the two "unavailable" reasons.</summary>
    public static ProblemHttpResult For(HttpContext context, string reason)
    {
        var (status, title, type) = reason switch
        {
            RefusalReasons.AuthorityUnavailable or RefusalReasons.RevocationUnavailable or RefusalReasons.TenancyStoreUnavailable =>
                (StatusCodes.Status503ServiceUnavailable, "Service Unavailable", "https://tools.ietf.org/html/rfc9110#section-15.6.4"),
            RefusalReasons.SignInSessionsNotRevoked =>
                (StatusCodes.Status502BadGateway, "Bad Gateway", "https://tools.ietf.org/html/rfc9110#section-15.6.3"),
            RefusalReasons.RateLimited => (StatusCodes.Status429TooManyRequests, "Too Many Requests", "https://tools.ietf.org/html/rfc6585#section-4"),
            _ => (StatusCodes.Status403Forbidden, "Forbidden", "https://tools.ietf.org/html/rfc9110#section-15.5.4"),
        };
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds;
        }

        // Type and traceId are set here, not left to IProblemDetailsService: it declines clients whose Accept header
        // excludes JSON, and the fallback writer would then omit them.
        return TypedResults.Problem(new ProblemDetails
        {
            Type = type,
            Status = status,
            Title = title,
            Detail = RefusalReasons.Describe(reason),
            Extensions =
            {
                ["error"] = reason,
                ["traceId"] = Activity.Current?.Id ?? context.TraceIdentifier,
            },
        });
    }
}
