using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AccountApi.Tests.Infrastructure;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.Accounts;

public sealed class GetMeTests(AccountApiFactory factory) : IClassFixture<AccountApiFactory>
{
    [Fact]
    public async Task GetMe_WithUserTokenAndPermittedTenancy_ReturnsAccount()
    {
        var token = ContosoUser with { Roles = ["Account.Admin"], Scopes = "Account.Read Reports.Read" };
        using var client = factory.CreateClient(token, "contoso");

        using var response = await client.GetAsync("/account/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var account = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(token.ObjectId.ToString(), account.GetProperty("id").GetString());
        Assert.Equal("Alice Adams", account.GetProperty("name").GetString());
        Assert.Equal("alice@contoso.example", account.GetProperty("username").GetString());
        Assert.Equal(ContosoDirectory.ToString(), account.GetProperty("directoryId").GetString());
        Assert.Equal("contoso", account.GetProperty("tenancy").GetProperty("name").GetString());
        Assert.Equal("Contoso Ltd", account.GetProperty("tenancy").GetProperty("displayName").GetString());
        Assert.Equal(["Account.Read", "Reports.Read"], account.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["Account.Admin"], account.GetProperty("roles").EnumerateArray().Select(s => s.GetString()));
    }

    [Theory]
    [InlineData("contoso", TestDirectories.ContosoId, HttpStatusCode.OK)]
    [InlineData("fabrikam", TestDirectories.FabrikamId, HttpStatusCode.OK)]
    [InlineData("partners", TestDirectories.ContosoId, HttpStatusCode.OK)]
    [InlineData("partners", TestDirectories.FabrikamId, HttpStatusCode.OK)]
    [InlineData("contoso", TestDirectories.FabrikamId, HttpStatusCode.Forbidden)]
    [InlineData("fabrikam", TestDirectories.ContosoId, HttpStatusCode.Forbidden)]
    public async Task GetMe_WithTokensOfTwoDirectories_AdmitsEachOnlyWhereItsDirectoryIsListed(string tenancy, string directory, HttpStatusCode expected)
    {
        using var client = factory.CreateClient(ContosoUser with { DirectoryId = Guid.Parse(directory) }, tenancy);

        using var response = await client.GetAsync("/account/me");

        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var account = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(directory, account.GetProperty("directoryId").GetString());
        }
        else
        {
            await ProblemAssert.RefusedAsync(response, "tenant_not_permitted");
        }
    }

    [Theory]
    [InlineData(ApiClientId)]
    [InlineData("api://" + ApiClientId)]
    public async Task GetMe_WithEitherAudienceForm_Returns200(string audience)
    {
        using var client = factory.CreateClient(ContosoUser with { Audience = audience }, "contoso");

        using var response = await client.GetAsync("/account/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("CONTOSO")]
    [InlineData("Contoso")]
    public async Task GetMe_WithTenancyNameInOtherCase_ReturnsCanonicalName(string tenancy)
    {
        using var client = factory.CreateClient(ContosoUser, tenancy);

        using var response = await client.GetAsync("/account/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var account = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("contoso", account.GetProperty("tenancy").GetProperty("name").GetString());
    }

    [Fact]
    public async Task GetMe_WithLowerCaseBearerSchemeAndHeaderNames_Returns200()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/me");
        request.Headers.TryAddWithoutValidation("authorization", "bearer " + factory.Authority.Sign(ContosoUser));
        request.Headers.TryAddWithoutValidation("x-tenant-id", "contoso");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GetMe_WithTenancyWithoutDisplayName_UsesItsName()
    {
        using var client = factory.CreateClient(ContosoUser, "partners");

        using var response = await client.GetAsync("/account/me");

        var account = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("partners", account.GetProperty("tenancy").GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Health_WithoutTokenOrTenancy_Returns200()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnknownPath_WithoutToken_IsRefusedLikeAnyProtectedResource()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/account/admin");

        await ProblemAssert.RefusedAsync(response, "missing_token");
    }

    [Fact]
    public async Task UnknownPath_WithValidTokenAndTenancy_Returns404Problem()
    {
        using var client = factory.CreateClient(ContosoUser, "contoso");

        using var response = await client.GetAsync("/account/admin");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PostMe_IsNotAllowed_AndAnswersWithAProblem()
    {
        using var client = factory.CreateClient(ContosoUser, "contoso");

        using var response = await client.PostAsync("/account/me", new StringContent("{}", new MediaTypeHeaderValue("application/json")));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(405, problem.GetProperty("status").GetInt32());
        Assert.Contains("GET", response.Content.Headers.Allow);
    }
}
