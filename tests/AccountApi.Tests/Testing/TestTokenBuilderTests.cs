using System.Net;
using System.Text.Json;
using AccountApi.Testing;
using AccountApi.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.Testing;

/// <summary>Every token the kit builds passes or fails the real Microsoft.Identity.Web pipeline as it claims to.</summary>
public sealed class TestTokenBuilderTests(AccountApiFactory factory) : IClassFixture<AccountApiFactory>
{
    public static TheoryData<string> BrokenVariants => ["expired", "wrong audience", "wrong issuer", "unknown key", "alg none", "HS256 key confusion"];

    [Fact]
    public void KitsTenancyHeader_IsTheOneTheServiceReads() =>
        Assert.Equal(AccountApi.Tenancy.TenancyHeaders.TenantId, AccountApiHeaders.TenantId);

    [Fact]
    public async Task UserToken_WithScopeRolesLifetimeAndClientCapabilities_IsAcceptedWithThoseClaims()
    {
        var token = factory.UserToken(ContosoDirectory)
            .WithScopes("Account.Read", "Reports.Read").WithRoles("Auditor").WithLifetime(TimeSpan.FromMinutes(5)).WithClientCapabilities("cp1")
            .Build();
        using var client = factory.CreateClient(token, "contoso");

        using var response = await client.GetAsync("/account/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var account = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["Account.Read", "Reports.Read"], account.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["Auditor"], account.GetProperty("roles").EnumerateArray().Select(s => s.GetString()));
        var jwt = new JsonWebToken(token);
        Assert.Equal("cp1", Assert.Single(jwt.GetPayloadValue<string[]>("xms_cc")));
        Assert.InRange(jwt.ValidTo - DateTime.UtcNow, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task AppToken_IsAValidTokenThatGetMeRefusesAsUserTokenRequired()
    {
        using var client = factory.CreateClient(factory.AppToken(ContosoDirectory, "Account.Read.All").Build(), "contoso");

        using var response = await client.GetAsync("/account/me");

        await ProblemAssert.RefusedAsync(response, "user_token_required");
    }

    [Theory]
    [MemberData(nameof(BrokenVariants))]
    public async Task BrokenUserToken_IsRefusedAsInvalidToken(string variant)
    {
        var builder = factory.UserToken(ContosoDirectory);
        var token = (variant switch
        {
            "expired" => builder.Expired(),
            "wrong audience" => builder.WithWrongAudience(),
            "wrong issuer" => builder.WithWrongIssuer(),
            "unknown key" => builder.SignedWithUnknownKey(),
            "alg none" => builder.WithAlgorithmNone(),
            _ => builder.WithHmacKeyConfusion(),
        }).Build();
        using var client = factory.CreateClient(token, "contoso");

        using var response = await client.GetAsync("/account/me");

        await ProblemAssert.RefusedAsync(response, "invalid_token");
    }
}
