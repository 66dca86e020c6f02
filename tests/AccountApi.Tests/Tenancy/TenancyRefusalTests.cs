using AccountApi.Testing;
using AccountApi.Tests.Infrastructure;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.Tenancy;

public sealed class TenancyRefusalTests(AccountApiFactory factory) : IClassFixture<AccountApiFactory>
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task GetMe_WithoutTenancy_Returns403MissingTenant(string? tenancy)
    {
        using var response = await SendAsync(ContosoUser, tenancy is null ? [] : [tenancy]);

        await ProblemAssert.RefusedAsync(response, "missing_tenant");
        Assert.Null(ProblemAssert.Challenge(response));
    }

    [Theory]
    [InlineData("con toso")]
    [InlineData("contoso,fabrikam")]
    [InlineData("contoso;")]
    [InlineData("../contoso")]
    [InlineData("contoso\u0000")]
    [InlineData("c\u00f6ntoso")]
    [InlineData("\u4e2d\u6587")]
    [InlineData("contoso_ltd")]
    [InlineData("' OR 1=1 --")]
    public async Task GetMe_WithMalformedTenancy_Returns403InvalidTenant(string tenancy)
    {
        using var response = await SendAsync(ContosoUser, [tenancy]);

        await ProblemAssert.RefusedAsync(response, "invalid_tenant");
    }

    [Fact]
    public async Task GetMe_WithTenancyOf64Characters_Returns403InvalidTenant()
    {
        using var response = await SendAsync(ContosoUser, [new string('a', 64)]);

        await ProblemAssert.RefusedAsync(response, "invalid_tenant");
    }

    [Fact]
    public async Task GetMe_WithHugeTenancyHeader_Returns403InvalidTenant()
    {
        using var response = await SendAsync(ContosoUser, [new string('a', 100_000)]);

        await ProblemAssert.RefusedAsync(response, "invalid_tenant");
    }

    [Fact]
    public async Task GetMe_WithTwoTenancyValues_Returns403InvalidTenant()
    {
        using var response = await SendAsync(ContosoUser, ["contoso", "contoso"]);

        await ProblemAssert.RefusedAsync(response, "invalid_tenant");
    }

    [Fact]
    public async Task GetMe_WithTenancyOf63Characters_IsWellFormedButUnknown()
    {
        using var response = await SendAsync(ContosoUser, [new string('a', 63)]);

        await ProblemAssert.RefusedAsync(response, "tenant_not_permitted");
    }

    [Fact]
    public async Task GetMe_WithUnknownSuspendedOrForeignTenancy_GivesOneIndistinguishableAnswer()
    {
        using var unknown = await SendAsync(ContosoUser, ["globex"]);
        using var suspended = await SendAsync(ContosoUser, ["northwind"]);
        using var foreign = await SendAsync(ContosoUser, ["fabrikam"]);

        var bodies = new List<string>();
        foreach (var response in new[] { unknown, suspended, foreign })
        {
            var problem = await ProblemAssert.RefusedAsync(response, "tenant_not_permitted");
            var fields = problem.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}");
            bodies.Add(string.Join("|", fields) + "|" + ProblemAssert.Challenge(response));
        }

        Assert.Single(bodies.Distinct());
    }

    [Fact]
    public async Task GetMe_WithSuspendedTenancyOfOwnDirectory_Returns403TenantNotPermitted()
    {
        using var response = await SendAsync(ContosoUser, ["northwind"]);

        await ProblemAssert.RefusedAsync(response, "tenant_not_permitted");
    }

    [Fact]
    public async Task GetMe_WithTokenFromOtherDirectory_Returns403TenantNotPermitted()
    {
        using var response = await SendAsync(FabrikamUser, ["contoso"]);

        await ProblemAssert.RefusedAsync(response, "tenant_not_permitted");
    }

    public static TheoryData<string, string[], string> ReasonsTogether => new()
    {
        // A caller without a valid token learns nothing about tenancies; token reasons come first.
        { "missing token, unknown tenancy", [], "missing_token" },
        { "invalid token, malformed tenancy", ["Bearer x.y.z", "../x"], "invalid_token" },
        { "app token, no tenancy", ["app"], "user_token_required" },
        { "app token without scope, unknown tenancy", ["app", "globex"], "user_token_required" },
        { "wrong scope, malformed tenancy", ["scope", "../x"], "insufficient_scope" },
        { "wrong scope, unknown tenancy", ["scope", "globex"], "insufficient_scope" },
    };

    [Theory]
    [MemberData(nameof(ReasonsTogether))]
    public async Task GetMe_WithSeveralProblems_ReportsTheFirstInDocumentedOrder(string because, string[] arrange, string expected)
    {
        var token = arrange.FirstOrDefault() switch
        {
            "app" => factory.Authority.Sign(TestAccessToken.AppOnly(ContosoDirectory, ApiClientId, "Account.Read.All")),
            "scope" => factory.Authority.Sign(ContosoUser with { Scopes = "Reports.Read" }),
            { } raw when raw.StartsWith("Bearer ", StringComparison.Ordinal) => raw["Bearer ".Length..],
            _ => null,
        };
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/me");
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        if (arrange.Length > 1)
        {
            request.Headers.TryAddWithoutValidation(AccountApiHeaders.TenantId, arrange[1]);
        }

        using var response = await client.SendAsync(request);

        Assert.False(string.IsNullOrEmpty(because));
        await ProblemAssert.RefusedAsync(response, expected);
    }

    [Fact]
    public async Task GetMe_WithoutToken_DoesNotRevealWhetherTenancyExists()
    {
        using var client = factory.CreateClient();
        var answers = new List<string>();
        foreach (var tenancy in new[] { "contoso", "northwind", "globex" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/account/me");
            request.Headers.TryAddWithoutValidation(AccountApiHeaders.TenantId, tenancy);
            using var response = await client.SendAsync(request);
            var problem = await ProblemAssert.RefusedAsync(response, "missing_token");
            answers.Add(problem.GetProperty("detail").GetString()!);
        }

        Assert.Single(answers.Distinct());
    }

    private async Task<HttpResponseMessage> SendAsync(TestAccessToken token, string[] tenancies)
    {
        using var client = factory.CreateClient(token, tenancy: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/me");
        if (tenancies.Length > 0)
        {
            request.Headers.TryAddWithoutValidation(AccountApiHeaders.TenantId, tenancies);
        }

        return await client.SendAsync(request);
    }
}
