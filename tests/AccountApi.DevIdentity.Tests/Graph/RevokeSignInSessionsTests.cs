using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AccountApi.DevIdentity.Tests.Infrastructure;

namespace AccountApi.DevIdentity.Tests.Graph;

/// <summary>
/// The provider's emulation of Microsoft Graph's <c>POST /v1.0/users/{id}/revokeSignInSessions</c>: for an app-only
/// Graph token with <c>User.RevokeSessions.All</c>, the user's refresh tokens and single sign-on sessions issued
/// before it stop working, as Entra's do; anything else is answered with Graph's error codes.
/// </summary>
public sealed class RevokeSignInSessionsTests
{
    private const string GraphDefault = "https://graph.microsoft.com/.default";

    [Fact]
    public async Task ClientCredentials_ForGraph_IssueAnAppTokenForGraphWithTheClientsGraphRoles()
    {
        await using var host = await DevIdentityTestHost.StartAsync();

        var body = await GraphTokenAsync(host.Client, DevData.GraphClientId, DevData.GraphClientSecret);

        Assert.Equal(GraphDefault, body.GetProperty("scope").GetString());
        var jwt = body.AccessToken();
        Assert.Equal(["00000003-0000-0000-c000-000000000000"], jwt.Audiences);
        Assert.Equal("app", jwt.GetClaim("idtyp").Value);
        Assert.Equal(["User.RevokeSessions.All"], jwt.Claims.Where(c => c.Type == "roles").Select(c => c.Value));
        Assert.Equal(DevData.ContosoTenantId, jwt.GetClaim("tid").Value);
    }

    [Fact]
    public async Task Revoke_EndsTheUsersRefreshTokensAndSession_AndAFreshSignInWorks()
    {
        await using var host = await DevIdentityTestHost.StartAsync();
        var (session, refreshToken) = await SignInCarolAsync(host);
        var graphToken = (await GraphTokenAsync(host.Client, DevData.GraphClientId, DevData.GraphClientSecret)).GetProperty("access_token").GetString()!;

        using var revoked = await RevokeAsync(host.Client, DevData.CarolUser.ObjectId, graphToken);

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var answer = await revoked.ReadJsonAsync();
        Assert.True(answer.GetProperty("value").GetBoolean());
        Assert.EndsWith("$metadata#Edm.Boolean", answer.GetProperty("@odata.context").GetString(), StringComparison.Ordinal);

        using var refresh = await host.Client.TokenAsync(ProviderRequests.CliRefresh(refreshToken));
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Equal("invalid_grant", (await refresh.ReadJsonAsync()).Error());

        var silent = ProviderRequests.CliAuthorize(loginHint: null);
        silent["prompt"] = "none";
        using var noSession = await host.Client.AuthorizeAsync(silent, sessionCookie: session);
        Assert.Equal("login_required", ProviderRequests.RedirectQuery(noSession)["error"]);

        // Only what was issued before: a sign-in after it gets a working session and refresh token.
        host.Time.Advance(TimeSpan.FromSeconds(1));
        var (newSession, newRefreshToken) = await SignInCarolAsync(host);
        using var newRefresh = await host.Client.TokenAsync(ProviderRequests.CliRefresh(newRefreshToken));
        Assert.Equal(HttpStatusCode.OK, newRefresh.StatusCode);
        using var sso = await host.Client.AuthorizeAsync(silent, sessionCookie: newSession);
        Assert.Contains("code", ProviderRequests.RedirectQuery(sso).Keys);
    }

    [Fact]
    public async Task Revoke_LeavesOtherUsersAlone_AndAcceptsTheUserPrincipalName()
    {
        await using var host = await DevIdentityTestHost.StartAsync();
        var alice = await host.Client.SignInCliAsync();
        var graphToken = (await GraphTokenAsync(host.Client, DevData.GraphClientId, DevData.GraphClientSecret)).GetProperty("access_token").GetString()!;

        using var revoked = await RevokeAsync(host.Client, DevData.Carol, graphToken);

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        using var refresh = await host.Client.TokenAsync(ProviderRequests.CliRefresh(alice.GetProperty("refresh_token").GetString()!));
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
    }

    [Fact]
    public async Task Revoke_WithoutTheGraphPermission_OrForAnotherDirectorysUser_IsRefusedAsGraphDoes()
    {
        await using var host = await DevIdentityTestHost.StartAsync();
        var withRole = (await GraphTokenAsync(host.Client, DevData.GraphClientId, DevData.GraphClientSecret)).GetProperty("access_token").GetString()!;
        // The daemon has API roles only: its Graph token carries no Graph permission.
        var withoutRole = (await GraphTokenAsync(host.Client, DevData.DaemonClientId, DevData.DaemonSecret)).GetProperty("access_token").GetString()!;
        var apiToken = (await host.Client.SignInCliAsync()).GetProperty("access_token").GetString()!;
        var bob = DevData.Options.Directories["Fabrikam"].Users[0].ObjectId;

        await AssertGraphErrorAsync(await RevokeAsync(host.Client, DevData.CarolUser.ObjectId, token: null), HttpStatusCode.Unauthorized, "InvalidAuthenticationToken");
        await AssertGraphErrorAsync(await RevokeAsync(host.Client, DevData.CarolUser.ObjectId, apiToken), HttpStatusCode.Unauthorized, "InvalidAuthenticationToken");
        await AssertGraphErrorAsync(await RevokeAsync(host.Client, DevData.CarolUser.ObjectId, "not.a.token"), HttpStatusCode.Unauthorized, "InvalidAuthenticationToken");
        await AssertGraphErrorAsync(await RevokeAsync(host.Client, DevData.CarolUser.ObjectId, withoutRole), HttpStatusCode.Forbidden, "Authorization_RequestDenied");
        // A Contoso token reaches Contoso's users only; an unknown id is the same 404.
        await AssertGraphErrorAsync(await RevokeAsync(host.Client, bob, withRole), HttpStatusCode.NotFound, "Request_ResourceNotFound");
        await AssertGraphErrorAsync(await RevokeAsync(host.Client, Guid.NewGuid().ToString(), withRole), HttpStatusCode.NotFound, "Request_ResourceNotFound");
    }

    private static async Task<JsonElement> GraphTokenAsync(HttpClient client, string clientId, string secret)
    {
        using var response = await client.TokenAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = GraphDefault,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static Task<HttpResponseMessage> RevokeAsync(HttpClient client, string user, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{DevData.Prefix}/v1.0/users/{Uri.EscapeDataString(user)}/revokeSignInSessions");
        request.Headers.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    private static async Task AssertGraphErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal(code, (await response.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetString());
        }
    }

    // Carol signs in on the page (a session cookie) and the code is redeemed (a refresh token).
    private static async Task<(string Session, string RefreshToken)> SignInCarolAsync(DevIdentityTestHost host)
    {
        using var page = await host.Client.AuthorizeAsync(ProviderRequests.CliAuthorize(loginHint: null));
        var form = await SignInForm.ReadAsync(page);
        using var signedIn = await form.PostAsync(host.Client, new() { ["username"] = DevData.Carol });
        var session = ProviderRequests.SessionCookie(signedIn)!;
        var code = ProviderRequests.RedirectQuery(signedIn)["code"];
        using var token = await host.Client.TokenAsync(ProviderRequests.CliRedemption(code));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        return (session, (await token.ReadJsonAsync()).GetProperty("refresh_token").GetString()!);
    }
}
