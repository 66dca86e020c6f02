using System.Net;
using System.Text;
using System.Text.Json;
using AccountApi.Logging;
using AccountApi.Revocation;
using AccountApi.Testing;
using AccountApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.Revocation;

/// <summary>The two revocation routes through the real pipeline: who may call them, and what they cut off.</summary>
public sealed class RevocationEndpointTests(AccountApiFactory factory) : IClassFixture<AccountApiFactory>
{
    private const string SelfRoute = "/account/me/sessions/revoke";

    [Fact]
    public async Task RevokeMySessions_Returns204_AndEveryTokenTheUserHeldIsRefused()
    {
        var alice = ContosoUser;
        var older = alice with { IssuedAt = DateTimeOffset.UtcNow.AddMinutes(-30) };
        var carol = ContosoUser;

        using var revoke = await PostAsync(factory, SelfRoute, alice, "contoso");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        await ProblemAssert.RefusedAsync(await GetMeAsync(alice), "invalid_token");
        await ProblemAssert.RefusedAsync(await GetMeAsync(older), "invalid_token");
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(carol)).StatusCode);
    }

    [Fact]
    public async Task RevokeMySessions_ThenATokenIssuedAfterTheCutOff_IsAccepted()
    {
        var alice = ContosoUser;
        using var revoke = await PostAsync(factory, SelfRoute, alice, "contoso");

        // The cut-off is the start of the second after now plus the clock allowance; a token issued at or after it is a new sign-in.
        var renewed = alice with { IssuedAt = DateTimeOffset.UtcNow.AddSeconds(4) };

        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(renewed)).StatusCode);
    }

    [Fact]
    public async Task RevokeMySessions_RefusesATokenMintedJustBefore_ByAnAuthorityWhoseClockIsAheadOfOurs()
    {
        // Entra's clock a second ahead: a token it minted just before the revocation carries an iat after our now.
        var alice = ContosoUser;
        using var revoke = await PostAsync(factory, SelfRoute, alice, "contoso");

        var mintedJustBefore = alice with { IssuedAt = DateTimeOffset.UtcNow.AddSeconds(1) };

        await ProblemAssert.RefusedAsync(await GetMeAsync(mintedJustBefore), "invalid_token");
    }

    [Fact]
    public async Task RevokeMySessions_WithoutTenancy_Returns403MissingTenant_AndRevokesNothing()
    {
        var alice = ContosoUser;

        using var revoke = await PostAsync(factory, SelfRoute, alice, tenancy: null);

        await ProblemAssert.RefusedAsync(revoke, "missing_tenant");
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(alice)).StatusCode);
    }

    [Fact]
    public async Task RevokeUser_WithOperatorToken_Returns204_AndTheUsersTokensAreRefused()
    {
        var alice = ContosoUser;

        using var revoke = await PostAsync(factory, AdminRoute(ContosoDirectory, alice.ObjectId), Operator(ContosoDirectory), tenancy: null);

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        await ProblemAssert.RefusedAsync(await GetMeAsync(alice), "invalid_token");
    }

    [Fact]
    public async Task RevokeUser_IsAuditedWithTheOperatorsAzp()
    {
        var alice = ContosoUser;
        var host = factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddFakeLogging()));

        using var revoke = await PostAsync(host, AdminRoute(ContosoDirectory, alice.ObjectId), Operator(ContosoDirectory) with { ClientId = "operator-azp" }, tenancy: null);

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        var audit = Assert.Single(host.Services.GetFakeLogCollector().GetSnapshot(), record => record.Id.Id == EventIds.SubjectRevoked);
        Assert.Equal(LogLevel.Warning, audit.Level);
        Assert.Contains($"{ContosoDirectory:D}/{alice.ObjectId:D}", audit.Message, StringComparison.Ordinal);
        Assert.Contains("operator client operator-azp", audit.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeUser_WhenGraphCannotEndTheSignInSessions_Returns502_AndTheCutOffHoldsAnyway()
    {
        var alice = ContosoUser;
        var nowhere = $"https://127.0.0.1:{LoopbackPorts.Free()}";
        var host = factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Revocation:Graph:ClientId", Guid.NewGuid().ToString());
            builder.UseSetting("Revocation:Graph:ClientSecret", "secret");
            builder.UseSetting("Revocation:Graph:Instance", nowhere + "/");
            builder.UseSetting("Revocation:Graph:BaseUrl", nowhere + "/v1.0");
            builder.ConfigureLogging(logging => logging.AddFakeLogging());
        });

        using var revoke = await PostAsync(host, AdminRoute(ContosoDirectory, alice.ObjectId), Operator(ContosoDirectory), tenancy: null);

        Assert.Equal(HttpStatusCode.BadGateway, revoke.StatusCode);
        var problem = JsonDocument.Parse(await revoke.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("sign_in_sessions_not_revoked", problem.GetProperty("error").GetString());
        await ProblemAssert.RefusedAsync(await GetMeAsync(host, alice), "invalid_token");
        var logs = host.Services.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(logs, record => record.Id.Id == EventIds.SubjectRevoked);
        var failure = Assert.Single(logs, record => record.Id.Id == EventIds.SignInSessionsUnreachable);
        Assert.Contains($"{ContosoDirectory:D}/{alice.ObjectId:D}", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeUser_WithUserToken_Returns403RoleRequired()
    {
        var alice = ContosoUser;

        using var revoke = await PostAsync(factory, AdminRoute(ContosoDirectory, alice.ObjectId), ContosoUser with { Roles = [RevocationOptions.OperatorRole] }, tenancy: null);

        await ProblemAssert.RefusedAsync(revoke, "role_required");
        Assert.Equal("Bearer error=\"insufficient_scope\"", ProblemAssert.Challenge(revoke));
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(alice)).StatusCode);
    }

    [Fact]
    public async Task RevokeUser_WithUserTokenCarryingTheRoleAndNoScp_Returns403RoleRequired()
    {
        // A role assignable to users puts it in a user's token, with no scp: that is not an application acting alone.
        var alice = ContosoUser;
        var userWithRole = ContosoUser with { Scopes = null, Roles = [RevocationOptions.OperatorRole] };

        using var revoke = await PostAsync(factory, AdminRoute(ContosoDirectory, alice.ObjectId), userWithRole, tenancy: null);

        await ProblemAssert.RefusedAsync(revoke, "role_required");
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(alice)).StatusCode);
    }

    [Fact]
    public async Task RevokeUser_WithAppOnlyTokenWithoutIdtyp_IsRecognisedBySubEqualToOid()
    {
        // Without the idtyp optional claim, Entra's app-only token still has the service principal in both sub and oid.
        var alice = ContosoUser;
        var unmarked = Operator(ContosoDirectory) with { IdentityType = null };
        unmarked = unmarked with { OverriddenClaims = new Dictionary<string, object?> { ["sub"] = unmarked.ObjectId.ToString() } };

        using var revoke = await PostAsync(factory, AdminRoute(ContosoDirectory, alice.ObjectId), unmarked, tenancy: null);

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
    }

    [Fact]
    public async Task RevokeUser_ByAnOperatorOfADirectoryNoTenancyAdmits_Returns403TenantNotPermitted()
    {
        // Anyone can consent to a multi-tenant API in their own directory and give their daemon the role: that must not
        // let them write revocations, which every instance holds for a day.
        var stranger = Guid.NewGuid();
        var store = (InMemoryTokenRevocationStore)factory.Services.GetRequiredService<ITokenRevocationStore>();
        var held = store.Count;

        using var revoke = await PostAsync(factory, AdminRoute(stranger, Guid.NewGuid()), Operator(stranger), tenancy: null);

        await ProblemAssert.RefusedAsync(revoke, "tenant_not_permitted");
        Assert.Equal(held, store.Count);
    }

    [Fact]
    public async Task RevokeUser_WithAppTokenWithoutTheRole_Returns403RoleRequired()
    {
        using var revoke = await PostAsync(factory, AdminRoute(ContosoDirectory, Guid.NewGuid()), TestAccessToken.AppOnly(ContosoDirectory, ApiClientId, "Account.Read.All"), tenancy: null);

        await ProblemAssert.RefusedAsync(revoke, "role_required");
    }

    [Fact]
    public async Task RevokeUser_WithoutToken_Returns403MissingToken()
    {
        using var revoke = await PostAsync(factory, AdminRoute(ContosoDirectory, Guid.NewGuid()), token: null, tenancy: null);

        await ProblemAssert.RefusedAsync(revoke, "missing_token");
    }

    [Fact]
    public async Task RevokeUser_OfAnotherDirectory_Returns403TenantNotPermitted_UnlessTheOperatorsDirectoryIsAnOperatorDirectory()
    {
        var bob = FabrikamUser;
        var route = AdminRoute(FabrikamDirectory, bob.ObjectId);

        using var refused = await PostAsync(factory, route, Operator(ContosoDirectory), tenancy: null);
        await ProblemAssert.RefusedAsync(refused, "tenant_not_permitted");
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(bob, "fabrikam")).StatusCode);

        var withOperatorDirectory = factory.WithWebHostBuilder(builder =>
            builder.UseSetting($"{RevocationOptions.SectionName}:OperatorDirectories:0", ContosoDirectory.ToString()));
        using var accepted = await PostAsync(withOperatorDirectory, route, Operator(ContosoDirectory), tenancy: null);
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
    }

    [Theory]
    [InlineData("not-a-guid", "a11ce000-0000-4000-8000-000000000001")]
    [InlineData(TestDirectories.ContosoId, "alice")]
    public async Task RevokeUser_WithMalformedIds_Returns400ValidationProblem(string tid, string oid)
    {
        using var revoke = await PostAsync(factory, $"/admin/directories/{tid}/users/{oid}/revoke", Operator(ContosoDirectory), tenancy: null);

        Assert.Equal(HttpStatusCode.BadRequest, revoke.StatusCode);
        Assert.Equal("application/problem+json", revoke.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await revoke.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(tid == "not-a-guid" ? "tid" : "oid", out _));
    }

    [Fact]
    public async Task RevokeUser_WithMalformedIds_AndAUserToken_Returns403RoleRequired()
    {
        using var revoke = await PostAsync(factory, "/admin/directories/x/users/y/revoke", ContosoUser, tenancy: null);

        await ProblemAssert.RefusedAsync(revoke, "role_required");
    }

    [Fact]
    public async Task Revocation_WhenTheStoreCannotRecordIt_Returns503RevocationUnavailableWithRetryAfter()
    {
        var host = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<ITokenRevocationStore, UnavailableStore>()));

        using var self = await PostAsync(host, SelfRoute, ContosoUser, "contoso");
        using var admin = await PostAsync(host, AdminRoute(ContosoDirectory, Guid.NewGuid()), Operator(ContosoDirectory), tenancy: null);

        foreach (var response in new[] { self, admin })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("revocation_unavailable", problem.GetProperty("error").GetString());
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
        }
    }

    [Fact]
    public async Task TokenWithCp1RefusedByACutOff_GetsAClaimsChallengeForATokenIssuedAfterIt()
    {
        var alice = ContosoUser with { ClientCapabilities = ["cp1"] };
        using var revoke = await PostAsync(factory, SelfRoute, alice, "contoso");

        using var refused = await GetMeAsync(alice);

        await ProblemAssert.RefusedAsync(refused, "invalid_token");
        var challenge = ProblemAssert.Challenge(refused)!;
        Assert.StartsWith("Bearer error=\"insufficient_claims\", claims=\"", challenge, StringComparison.Ordinal);
        var claims = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(challenge.Split("claims=\"")[1].TrimEnd('"')))).RootElement;
        var nbf = claims.GetProperty("access_token").GetProperty("nbf");
        Assert.True(nbf.GetProperty("essential").GetBoolean());
        var cutOff = DateTimeOffset.FromUnixTimeSeconds(long.Parse(nbf.GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(cutOff, DateTimeOffset.UtcNow.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(4));

        // What the client then obtains: a token issued at the cut-off.
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(alice with { IssuedAt = cutOff })).StatusCode);
    }

    [Fact]
    public async Task TokenWithoutCp1RefusedByACutOff_GetsThePlainInvalidTokenChallenge()
    {
        var alice = ContosoUser;
        using var revoke = await PostAsync(factory, SelfRoute, alice, "contoso");

        using var refused = await GetMeAsync(alice);

        Assert.Equal("Bearer error=\"invalid_token\"", ProblemAssert.Challenge(refused));
    }

    private static string AdminRoute(Guid tid, Guid oid) => $"/admin/directories/{tid}/users/{oid}/revoke";

    private static TestAccessToken Operator(Guid directory) =>
        TestAccessToken.AppOnly(directory, ApiClientId, RevocationOptions.OperatorRole) with { ClientId = "55555555-5555-4555-8555-555555555555" };

    private async Task<HttpResponseMessage> GetMeAsync(TestAccessToken token, string tenancy = "contoso")
    {
        using var client = factory.CreateClient(token, tenancy);
        return await client.GetAsync("/account/me");
    }

    private async Task<HttpResponseMessage> GetMeAsync(WebApplicationFactory<Program> host, TestAccessToken token)
    {
        using var client = CreateClient(host, factory.Authority, token, "contoso");
        return await client.GetAsync("/account/me");
    }

    private async Task<HttpResponseMessage> PostAsync(WebApplicationFactory<Program> host, string path, TestAccessToken? token, string? tenancy)
    {
        using var client = CreateClient(host, factory.Authority, token, tenancy);
        return await client.PostAsync(path, content: null);
    }

    /// <summary>A shared store that cannot be reached, still within its staleness bound: nothing is recorded.</summary>
    private sealed class UnavailableStore : ITokenRevocationStore
    {
        public bool IsCurrent => true;

        public ValueTask RevokeTokenAsync(string tokenDigest, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
            throw new RevocationUnavailableException("The test store is down.");

        public ValueTask RevokeSubjectAsync(RevocationSubject subject, DateTimeOffset issuedBefore, CancellationToken cancellationToken) =>
            throw new RevocationUnavailableException("The test store is down.");

        public TokenRevocation? Find(string tokenDigest, RevocationSubject subject, DateTimeOffset issuedAt) => null;
    }
}
