using System.Net;
using System.Net.Http.Headers;
using AccountApi.Entra;
using AccountApi.Logging;
using AccountApi.Revocation;
using AccountApi.Testing;
using AccountApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.Authentication;

public sealed class TokenRefusalTests(AccountApiFactory factory) : IClassFixture<AccountApiFactory>
{
    [Fact]
    public async Task GetMe_WithoutAuthorizationHeader_Returns403MissingTokenWithBareChallenge()
    {
        using var client = factory.CreateClient(token: null, "contoso");

        using var response = await client.GetAsync("/account/me");

        await ProblemAssert.RefusedAsync(response, "missing_token");
        Assert.Equal("Bearer", ProblemAssert.Challenge(response));
    }

    [Theory]
    [InlineData("Basic YWxpY2U6c2VjcmV0")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("")]
    [InlineData("Token abc.def.ghi")]
    public async Task GetMe_WithNoBearerToken_Returns403MissingToken(string authorization)
    {
        using var response = await SendAsync(authorization, "contoso");

        await ProblemAssert.RefusedAsync(response, "missing_token");
    }

    [Fact]
    public async Task GetMe_WithTokenOnlyInQueryString_IgnoresItAndReturnsMissingToken()
    {
        var token = factory.Authority.Sign(ContosoUser);
        using var client = factory.CreateClient(token: null, "contoso");

        using var response = await client.GetAsync($"/account/me?access_token={token}");

        await ProblemAssert.RefusedAsync(response, "missing_token");
    }

    [Fact]
    public async Task GetMe_WithTokenOnlyInFormBody_IgnoresItAndReturnsMissingToken()
    {
        var token = factory.Authority.Sign(ContosoUser);
        using var client = factory.CreateClient(token: null, "contoso");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/me")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["access_token"] = token }),
        };

        using var response = await client.SendAsync(request);

        await ProblemAssert.RefusedAsync(response, "missing_token");
    }

    public static TheoryData<string, Func<TestAccessToken, TestAccessToken>> InvalidClaims => new()
    {
        { "IDX10223", t => t with { IssuedAt = DateTimeOffset.UtcNow.AddHours(-2), NotBefore = DateTimeOffset.UtcNow.AddHours(-2), Expires = DateTimeOffset.UtcNow.AddMinutes(-10) } },
        // Expired 3 minutes ago, beyond the 2-minute skew.
        { "IDX10223", t => t with { IssuedAt = DateTimeOffset.UtcNow.AddHours(-1), NotBefore = DateTimeOffset.UtcNow.AddHours(-1), Expires = DateTimeOffset.UtcNow.AddMinutes(-3) } },
        { "IDX10222", t => t with { NotBefore = DateTimeOffset.UtcNow.AddMinutes(10), Expires = DateTimeOffset.UtcNow.AddHours(1) } },
        // Valid from 3 minutes ahead, beyond the skew.
        { "IDX10222", t => t with { NotBefore = DateTimeOffset.UtcNow.AddMinutes(3), Expires = DateTimeOffset.UtcNow.AddHours(1) } },
        { "is not the v2.0 issuer of its directory", t => t with { Issuer = $"https://login.evil.example/{t.DirectoryId}/v2.0" } },
        // The issuer of another directory than the token's tid.
        { "is not the v2.0 issuer of its directory", t => t with { Issuer = $"https://login.accountapi.test/{FabrikamDirectory}/v2.0" } },
        // A v1.0 issuer: this API accepts v2.0 tokens only.
        { "is not the v2.0 issuer of its directory", t => t with { Issuer = $"https://sts.windows.net/{t.DirectoryId}/" } },
        { "IDX10214", t => t with { Audience = "99999999-9999-4999-8999-999999999999" } },
        // The api:// form of another API's audience.
        { "IDX10214", t => t with { Audience = "api://99999999-9999-4999-8999-999999999999" } },
        { "has no directory id (tid)", t => t with { OmitDirectoryClaim = true } },
        { "has no 'oid' claim", t => t with { OmitObjectIdClaim = true } },
        { "IDW10201", t => t with { Scopes = null } },
        // An id_token whose aud is this API: no azp, or the sign-in's nonce or hashes.
        { "is an id_token", t => t with { OverriddenClaims = new Dictionary<string, object?> { [JwtRegisteredClaimNames.Azp] = null } } },
        { "is an id_token", t => t with { OverriddenClaims = new Dictionary<string, object?> { [JwtRegisteredClaimNames.Nonce] = "n-0S6_WzA2Mj" } } },
        { "is an id_token", t => t with { OverriddenClaims = new Dictionary<string, object?> { [JwtRegisteredClaimNames.AtHash] = "77QmUPtjPfzWtF2AnpK9RQ" } } },
        { "is an id_token", t => t with { OverriddenClaims = new Dictionary<string, object?> { [JwtRegisteredClaimNames.CHash] = "LDktKdoQak3Pk0cnXxCltA" } } },
    };

    [Theory]
    [MemberData(nameof(InvalidClaims))]
    public async Task GetMe_WithInvalidClaims_Returns403InvalidTokenForThatCause(string cause, Func<TestAccessToken, TestAccessToken> vary)
    {
        // Keys published without an issuer, so that the service's own rules decide rather than Identity.Web's check of
        // the key's directory, which refuses some of these first (SigningKeyIssuerTests).
        using var own = new AccountApiFactory();
        own.Authority.KeyIssuer = null;
        using var host = own.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddFakeLogging()));
        using var client = CreateClient(host, own.Authority, vary(ContosoUser), "contoso");

        using var response = await client.GetAsync("/account/me");

        await ProblemAssert.RefusedAsync(response, "invalid_token");
        Assert.Equal("Bearer error=\"invalid_token\"", ProblemAssert.Challenge(response));
        // The same answer for every cause; the log says which one it was, so a case cannot pass for another reason.
        var rejection = Assert.Single(host.Services.GetFakeLogCollector().GetSnapshot(), record => record.Id.Id == EventIds.TokenRejected);
        Assert.Contains(cause, rejection.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("signed by an unpublished key")]
    [InlineData("signed by the published key under an unknown kid")]
    [InlineData("alg none")]
    [InlineData("HS256 keyed with the public key")]
    [InlineData("payload tampered after signing")]
    public async Task GetMe_WithForgedSignature_Returns403InvalidToken(string forgery)
    {
        var authority = factory.Authority;
        var token = forgery switch
        {
            "signed by an unpublished key" => authority.Sign(ContosoUser, authority.UnpublishedKey),
            // Trying every published key is switched off, so a kid the JWKS lacks fails even over a good signature.
            "signed by the published key under an unknown kid" => authority.Sign(ContosoUser, new RsaSecurityKey(authority.SigningKey.Rsa) { KeyId = "rotated-away" }),
            "alg none" => HostileTokens.WithAlgorithmNone(authority.Sign(ContosoUser)),
            "HS256 keyed with the public key" => HostileTokens.HmacWithPublicKey(authority.Sign(ContosoUser), authority.SigningKey),
            _ => HostileTokens.Tampered(authority.Sign(ContosoUser)),
        };

        using var response = await SendAsync("Bearer " + token, "contoso");

        await ProblemAssert.RefusedAsync(response, "invalid_token");
    }

    [Theory]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer a.b.c")]
    [InlineData("Bearer eyJhbGciOiJSUzI1NiJ9.eyJ9.x")]
    [InlineData("Bearer ....")]
    [InlineData("Bearer \u00e9\u00e8\u00ea.\u4e2d\u6587.\ud83d\ude00")]
    [InlineData("Bearer a b c")]
    public async Task GetMe_WithMalformedToken_Returns403InvalidTokenNever5xx(string authorization)
    {
        using var response = await SendAsync(authorization, "contoso");

        await ProblemAssert.RefusedAsync(response, "invalid_token");
    }

    [Fact]
    public async Task GetMe_WithHugeToken_Returns403InvalidToken()
    {
        using var response = await SendAsync("Bearer " + new string('A', 300_000) + ".e30.sig", "contoso");

        await ProblemAssert.RefusedAsync(response, "invalid_token");
    }

    [Fact]
    public async Task GetMe_WithTwoAuthorizationHeaders_Returns403InvalidToken()
    {
        var token = factory.Authority.Sign(ContosoUser);
        using var client = factory.CreateClient(token: null, "contoso");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/me");
        request.Headers.TryAddWithoutValidation("Authorization", ["Bearer " + token, "Bearer " + token]);

        using var response = await client.SendAsync(request);

        await ProblemAssert.RefusedAsync(response, "invalid_token");
    }

    [Fact]
    public async Task GetMe_WithTokenExpiredWithinTheClockSkew_IsStillAccepted()
    {
        var token = ContosoUser with { IssuedAt = DateTimeOffset.UtcNow.AddHours(-1), NotBefore = DateTimeOffset.UtcNow.AddHours(-1), Expires = DateTimeOffset.UtcNow.AddMinutes(-1) };
        using var client = factory.CreateClient(token, "contoso");

        using var response = await client.GetAsync("/account/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GetMe_WithRevokedToken_Returns403InvalidToken()
    {
        var token = ContosoUser;
        var jwt = factory.Authority.Sign(token);
        var revocations = factory.Services.GetRequiredService<ITokenRevocationStore>();
        using var client = factory.CreateClient(jwt, "contoso");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/me")).StatusCode);

        await revocations.RevokeTokenAsync(AccessTokenDigest.Of(jwt), token.Expires, CancellationToken.None);
        using var response = await client.GetAsync("/account/me");

        await ProblemAssert.RefusedAsync(response, "invalid_token");
    }

    [Fact]
    public async Task GetMe_WithAppOnlyToken_Returns403UserTokenRequired()
    {
        using var client = factory.CreateClient(TestAccessToken.AppOnly(ContosoDirectory, ApiClientId, "Account.Read.All"), "contoso");

        using var response = await client.GetAsync("/account/me");

        await ProblemAssert.RefusedAsync(response, "user_token_required");
        Assert.Equal($"Bearer error=\"insufficient_scope\", scope=\"api://{ApiClientId}/Account.Read\"", ProblemAssert.Challenge(response));
    }

    [Fact]
    public async Task GetMe_WithAppTokenThatAlsoCarriesScp_Returns403UserTokenRequired()
    {
        using var client = factory.CreateClient(ContosoUser with { IdentityType = "app" }, "contoso");

        using var response = await client.GetAsync("/account/me");

        await ProblemAssert.RefusedAsync(response, "user_token_required");
    }

    [Theory]
    [InlineData("Reports.Read")]
    [InlineData("account.read")]
    [InlineData("Account.ReadWrite")]
    public async Task GetMe_WithoutConfiguredScope_Returns403InsufficientScope(string scopes)
    {
        using var client = factory.CreateClient(ContosoUser with { Scopes = scopes }, "contoso");

        using var response = await client.GetAsync("/account/me");

        await ProblemAssert.RefusedAsync(response, "insufficient_scope");
        Assert.Equal($"Bearer error=\"insufficient_scope\", scope=\"api://{ApiClientId}/Account.Read\"", ProblemAssert.Challenge(response));
    }

    [Fact]
    public async Task GetMe_WithValidToken_NeverEchoesTheTokenInARefusal()
    {
        var token = factory.Authority.Sign(ContosoUser);

        using var response = await SendAsync("Bearer " + token, "unknown-tenancy");

        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(token.Split('.')[1], body, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[1], response.Headers.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMe_AskingForHtml_StillGetsAProblemDocument()
    {
        using var client = factory.CreateClient(token: null, "contoso");
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        using var response = await client.GetAsync("/account/me");

        await ProblemAssert.RefusedAsync(response, "missing_token");
    }

    private async Task<HttpResponseMessage> SendAsync(string authorization, string? tenancy)
    {
        using var client = factory.CreateClient(token: null, tenancy);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/me");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await client.SendAsync(request);
    }
}
