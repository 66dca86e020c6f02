using Microsoft.AspNetCore.Http;

namespace AccountApi.DevIdentity.Protocol;

/// <summary>Factory for the provider's JSON results.</summary>
internal static class OAuthResults
{
    public static IResult Error(string error, string description, int statusCode = StatusCodes.Status400BadRequest, int? code = null) =>
        new ErrorResult(new OAuthError(error, description, code), statusCode);

    public static IResult Error(OAuthError error, int statusCode = StatusCodes.Status400BadRequest) => new ErrorResult(error, statusCode);

    /// <summary>401 <c>invalid_client</c>; with <c>WWW-Authenticate: Basic</c> when the client used Basic (RFC 6749 §5.2).</summary>
    public static IResult InvalidClient(string description, bool usedBasic, int? code = null) => new ErrorResult(
        new OAuthError(OAuthErrors.InvalidClient, description, code),
        StatusCodes.Status401Unauthorized,
        usedBasic ? "Basic realm=\"dev-idp\", charset=\"UTF-8\"" : null);

    /// <summary>401 for a resource request (RFC 6750 §3): no error code when no token was sent, else <c>invalid_token</c>.</summary>
    public static IResult InvalidToken(string? description) => description is null
        ? new ErrorResult(new OAuthError("invalid_request", "Send an access token: Authorization: Bearer <token>."), StatusCodes.Status401Unauthorized, "Bearer")
        : new ErrorResult(
            new OAuthError(OAuthErrors.InvalidToken, description),
            StatusCodes.Status401Unauthorized,
            $"Bearer error=\"{OAuthErrors.InvalidToken}\", error_description=\"{description.Replace("\"", "'", StringComparison.Ordinal)}\"");

    public static IResult Json<T>(T body) => new NoStoreJsonResult<T>(body, StatusCodes.Status200OK);
}
