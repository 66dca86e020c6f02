using Microsoft.AspNetCore.Http;

namespace AccountApi.DevIdentity.Protocol;

/// <summary>Factory for the provider's JSON results.</summary>
internal static class OAuthResults
{
    public static IResult Error(string error, string description, int statusCode = StatusCodes.Status400BadRequest) =>
        new NoStoreJsonResult<OAuthError>(new OAuthError(error, description), statusCode);

    /// <summary>401 <c>invalid_client</c>; with <c>WWW-Authenticate: Basic</c> when the client used Basic (RFC 6749 §5.2).</summary>
    public static IResult InvalidClient(string description, bool usedBasic) => new NoStoreJsonResult<OAuthError>(
        new OAuthError(OAuthErrors.InvalidClient, description), StatusCodes.Status401Unauthorized, usedBasic);

    public static IResult Json<T>(T body) => new NoStoreJsonResult<T>(body, StatusCodes.Status200OK);
}
