using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace AccountApi.Authorization;

/// <summary>The 403 problem document (RFC 9457) and, for token failures, the RFC 6750 challenge.</summary>
internal static class Refusal
{
    /// <summary>Answers the request with the refusal: no-store, the challenge where the token is at fault, the problem.</summary>
    public static Task WriteAsync(HttpContext context, string reason, IEnumerable<string> requiredScopes)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        var challenge = reason switch
        {
            RefusalReasons.MissingToken => "Bearer",
            RefusalReasons.InvalidToken => "Bearer error=\"invalid_token\"",
            RefusalReasons.UserTokenRequired or RefusalReasons.InsufficientScope =>
                $"Bearer error=\"insufficient_scope\", scope=\"{string.Join(' ', requiredScopes)}\"",
            _ => null,
        };
        if (challenge is not null)
        {
            headers[HeaderNames.WWWAuthenticate] = challenge;
        }

        if (reason == RefusalReasons.AuthorityUnavailable)
        {
            headers[HeaderNames.RetryAfter] = RetryAfterSeconds;
        }

        return Problem(context, reason).ExecuteAsync(context);
    }

    /// <summary>The problem document alone.</summary>
    // IdentityModel retries a failed metadata fetch on the next request after its refresh interval; a client that waits
    // this long finds out whether the authority is back without hammering it.
    private const string RetryAfterSeconds = "5";

    public static ProblemHttpResult Problem(HttpContext context, string reason)
    {
        var (status, title, type) = reason switch
        {
            RefusalReasons.AuthorityUnavailable => (StatusCodes.Status503ServiceUnavailable, "Service Unavailable", "https://tools.ietf.org/html/rfc9110#section-15.6.4"),
            RefusalReasons.RateLimited => (StatusCodes.Status429TooManyRequests, "Too Many Requests", "https://tools.ietf.org/html/rfc6585#section-4"),
            _ => (StatusCodes.Status403Forbidden, "Forbidden", "https://tools.ietf.org/html/rfc9110#section-15.5.4"),
        };

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
