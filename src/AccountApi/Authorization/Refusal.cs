using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace AccountApi.Authorization;

/// <summary>Builds the 403 problem document (RFC 9457) and, for token failures, the RFC 6750 challenge.</summary>
internal static class Refusal
{
    public static ProblemHttpResult Create(HttpContext context, string reason, IEnumerable<string> requiredScopes)
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

        return TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "Forbidden",
            Detail = RefusalReasons.Describe(reason),
            Extensions = { ["error"] = reason },
        });
    }
}
