using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Grants;
using AccountApi.DevIdentity.Logging;
using AccountApi.DevIdentity.Protocol;
using AccountApi.Entra;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AccountApi.DevIdentity.Graph;

/// <summary>
/// The one Microsoft Graph call the service makes: <c>POST {base}/v1.0/users/{id|userPrincipalName}/revokeSignInSessions</c>
/// (Graph's is on graph.microsoft.com). For an app-only Graph token with <c>User.RevokeSessions.All</c> of the user's
/// directory, it ends the user's refresh-token grants and single sign-on sessions started until now, and answers as
/// Graph does: 200 <c>{"value": true}</c>; 401, 403 or 404 with Graph's error codes otherwise.
/// </summary>
internal static class GraphEndpoints
{
    private const string BearerPrefix = "Bearer ";

    public static void MapGraphEndpoints(this IEndpointRouteBuilder group)
    {
        group.MapPost("/v1.0/users/{id}/revokeSignInSessions", RevokeSignInSessionsAsync)
            .WithName("DevIdentityGraphRevokeSignInSessions");
    }

    private static async Task<IResult> RevokeSignInSessionsAsync(
        string id,
        HttpRequest request,
        GraphTokenValidator validator,
        DevIdentityCatalog catalog,
        RefreshTokenStore refreshTokens,
        SignInSessionRevocations sessions,
        ILogger<GraphTokenValidator> logger)
    {
        string authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Error(StatusCodes.Status401Unauthorized, "InvalidAuthenticationToken", "Access token is empty.");
        }

        var (token, failure) = await validator.ValidateAsync(authorization[BearerPrefix.Length..].Trim()).ConfigureAwait(false);
        if (token is null)
        {
            return Error(StatusCodes.Status401Unauthorized, "InvalidAuthenticationToken", failure!);
        }

        // Graph's application permission, in an app-only token (a delegated Graph token here never carries it).
        if (!token.TryGetPayloadValue<string>(EntraClaimNames.IdentityType, out var identityType) || identityType != "app"
            || !token.TryGetPayloadValue<string[]>(EntraClaimNames.Roles, out var roles) || !roles.Contains(MicrosoftGraph.RevokeSessionsRole, StringComparer.Ordinal))
        {
            return Error(StatusCodes.Status403Forbidden, "Authorization_RequestDenied", $"Insufficient privileges to complete the operation: an application token with {MicrosoftGraph.RevokeSessionsRole} is required.");
        }

        var directory = Guid.Parse(token.GetPayloadValue<string>(EntraClaimNames.DirectoryId));
        var user = Guid.TryParse(id, out var objectId) ? catalog.FindUser(objectId) : catalog.FindUser(id);
        if (user is null || user.Directory.TenantId != directory)
        {
            return Error(StatusCodes.Status404NotFound, "Request_ResourceNotFound", $"Resource '{LogValue.Sanitize(id)}' does not exist or one of its queried reference-property objects are not present.");
        }

        sessions.Revoke(user.ObjectId);
        var ended = refreshTokens.RevokeUser(user);
        logger.SignInSessionsRevoked(user.ObjectId, token.GetPayloadValue<string>(JwtRegisteredClaimNames.Azp), ended);
        return OAuthResults.Json(RevokeSignInSessionsResponse.Revoked);
    }

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new GraphErrorResponse(new GraphError(code, message)), ProtocolJson.Options, statusCode: status);
}
