using AccountApi.DevIdentity.Cors;
using AccountApi.DevIdentity.Graph;
using AccountApi.DevIdentity.Protocol;
using AccountApi.DevIdentity.Token;
using AccountApi.Entra;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AccountApi.DevIdentity.UserInfo;

/// <summary>
/// <c>GET|POST {base}/oidc/userinfo</c>, the <c>userinfo_endpoint</c> (Entra's is on graph.microsoft.com): the
/// signed-in user's claims for a Graph access token, with the same pairwise <c>sub</c> as that client's id_token.
/// </summary>
internal static class UserInfoEndpoints
{
    private const string BearerPrefix = "Bearer ";

    public static void MapUserInfoEndpoints(this IEndpointRouteBuilder group)
    {
        group.MapMethods("/oidc/userinfo", [HttpMethods.Get, HttpMethods.Post], GetAsync)
            .AllowPublicClientOrigins()
            .WithName("DevIdentityUserInfo");
    }

    private static async Task<IResult> GetAsync(HttpRequest request, GraphTokenValidator validator)
    {
        string authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return OAuthResults.InvalidToken(description: null);
        }

        var (token, failure) = await validator.ValidateAsync(authorization[BearerPrefix.Length..].Trim()).ConfigureAwait(false);
        if (token is null)
        {
            return OAuthResults.InvalidToken(failure);
        }

        if (!token.TryGetPayloadValue<string>(EntraClaimNames.Scope, out _))
        {
            return OAuthResults.InvalidToken("The token is not a delegated (user) token.");
        }

        var objectId = Guid.Parse(token.GetPayloadValue<string>(EntraClaimNames.ObjectId));
        var clientId = token.GetPayloadValue<string>(JwtRegisteredClaimNames.Azp);
        return OAuthResults.Json(new UserInfoResponse(
            PairwiseSubject.For(objectId, clientId),
            Claim(token, JwtRegisteredClaimNames.Name),
            Claim(token, JwtRegisteredClaimNames.PreferredUsername),
            objectId.ToString("D"),
            token.GetPayloadValue<string>(EntraClaimNames.DirectoryId)));
    }

    private static string? Claim(JsonWebToken token, string name) => token.TryGetPayloadValue<string>(name, out var value) ? value : null;
}
