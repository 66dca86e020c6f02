using System.Net;
using System.Text;
using System.Text.Json;
using AccountApi.Testing;
using AccountApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.TenancyAdmin;

/// <summary>
/// A tenancy asking more of its callers than the API does: app roles, and an Entra authentication context (step-up),
/// whose absence is answered with the claims challenge MSAL clients answer with <c>WithClaims</c>.
/// </summary>
public sealed class SignInPolicyTests : IClassFixture<AccountApiFactory>
{
    private static readonly Guid[] s_contoso = [ContosoDirectory];
    private static readonly string[] s_c1 = ["c1"];
    private static readonly string[] s_c2 = ["c2"];
    private static readonly string[] s_premium = ["Account.Premium"];

    private readonly AccountApiFactory _factory;
    private readonly WebApplicationFactory<Program> _host;

    public SignInPolicyTests(AccountApiFactory factory)
    {
        _factory = factory;
        _host = factory.WithWebHostBuilder(builder => builder.UseSetting("Revocation:OperatorDirectories:0", ContosoDirectory.ToString()));
    }

    [Fact]
    public async Task ATenancyRequiringAnAuthenticationContext_ChallengesATokenWithoutIt_AndServesOneWithIt()
    {
        var name = await CreateAsync(new { directoryIds = s_contoso, requiredAuthenticationContexts = s_c1 });

        using var refused = await GetMeAsync(ContosoUser, name);

        await ProblemAssert.RefusedAsync(refused, "insufficient_claims");
        var challenge = ProblemAssert.Challenge(refused)!;
        Assert.StartsWith("Bearer error=\"insufficient_claims\", claims=\"", challenge, StringComparison.Ordinal);
        var claims = Encoding.UTF8.GetString(Convert.FromBase64String(challenge.Split("claims=\"")[1].TrimEnd('"')));
        Assert.Equal("""{"access_token":{"acrs":{"essential":true,"value":"c1"}}}""", claims);

        var steppedUp = ContosoUser with { OverriddenClaims = new Dictionary<string, object?> { ["acrs"] = s_c1 } };
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(steppedUp, name)).StatusCode);
        // Another context does not stand in for the one asked.
        var other = ContosoUser with { OverriddenClaims = new Dictionary<string, object?> { ["acrs"] = s_c2 } };
        await ProblemAssert.RefusedAsync(await GetMeAsync(other, name), "insufficient_claims");
    }

    [Fact]
    public async Task ATenancyRequiringAnAppRole_RefusesATokenWithoutIt()
    {
        var name = await CreateAsync(new { directoryIds = s_contoso, requiredRoles = s_premium });

        using var refused = await GetMeAsync(ContosoUser, name);

        await ProblemAssert.RefusedAsync(refused, "tenancy_role_required");
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(ContosoUser with { Roles = ["Account.Premium"] }, name)).StatusCode);
    }

    [Fact]
    public async Task AStranger_LearnsNothingOfThePolicy()
    {
        var name = await CreateAsync(new { directoryIds = s_contoso, requiredAuthenticationContexts = s_c1, requiredRoles = s_premium });

        using var refused = await GetMeAsync(FabrikamUser, name);

        await ProblemAssert.RefusedAsync(refused, "tenant_not_permitted");
        Assert.Null(ProblemAssert.Challenge(refused));
    }

    [Theory]
    [InlineData("""{"directoryIds":["c0c0c0c0-0000-4000-8000-000000000001"],"requiredAuthenticationContexts":["mfa"]}""", "requiredAuthenticationContexts[0]")]
    [InlineData("""{"directoryIds":["c0c0c0c0-0000-4000-8000-000000000001"],"requiredAuthenticationContexts":["c0"]}""", "requiredAuthenticationContexts[0]")]
    [InlineData("""{"directoryIds":["c0c0c0c0-0000-4000-8000-000000000001"],"requiredRoles":["Account Premium"]}""", "requiredRoles[0]")]
    [InlineData("""{"directoryIds":["c0c0c0c0-0000-4000-8000-000000000001"],"requiredRoles":"Account.Premium"}""", "requiredRoles")]
    public async Task ABadPolicy_Is400NamingTheField(string json, string field)
    {
        using var client = CreateClient(_host, _factory.Authority, Manager, tenancy: null);

        using var response = await client.PutAsync($"/admin/tenancies/{NewName()}", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    private static TestAccessToken Manager => TestAccessToken.AppOnly(ContosoDirectory, ApiClientId, "Tenancies.Manage");

    private static string NewName() => $"s{Guid.NewGuid():N}"[..20];

    private async Task<string> CreateAsync(object document)
    {
        var name = NewName();
        using var client = CreateClient(_host, _factory.Authority, Manager, tenancy: null);
        using var created = await client.PutAsync($"/admin/tenancies/{name}", new StringContent(JsonSerializer.Serialize(document), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.True(body.TryGetProperty("requiredAuthenticationContexts", out _));
        return name;
    }

    private async Task<HttpResponseMessage> GetMeAsync(TestAccessToken token, string tenancy)
    {
        using var client = CreateClient(_host, _factory.Authority, token, tenancy);
        return await client.GetAsync("/account/me");
    }
}
