using System.Net;
using System.Text.Json;
using AccountApi.Testing;
using AccountApi.Tests.Infrastructure;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.ResponseHeaders;

/// <summary>Every answer says <c>nosniff</c>, refusals included; methods other than GET get 405 once the token is accepted.</summary>
public sealed class ResponseHeaderTests(AccountApiFactory factory) : IClassFixture<AccountApiFactory>
{
    public static TheoryData<string, string?, string?, HttpStatusCode> Answers => new()
    {
        { "/account/me", "valid", "contoso", HttpStatusCode.OK },
        { "/account/me", null, "contoso", HttpStatusCode.Forbidden },
        { "/account/me", "forged", "contoso", HttpStatusCode.Forbidden },
        { "/account/me", "valid", "fabrikam", HttpStatusCode.Forbidden },
        { "/account/nothing-here", "valid", "contoso", HttpStatusCode.NotFound },
        { "/health/live", null, null, HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task EveryAnswer_CarriesNosniff(string path, string? token, string? tenancy, HttpStatusCode expected)
    {
        var accessToken = token switch
        {
            "valid" => factory.Authority.Sign(ContosoUser),
            "forged" => factory.Authority.Sign(ContosoUser, factory.Authority.UnpublishedKey),
            _ => null,
        };
        using var client = factory.CreateClient(accessToken, tenancy);

        using var response = await client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task RateLimitedAnswer_CarriesNosniff()
    {
        using var host = factory.WithWebHostBuilder(builder => builder.UseSetting("RateLimits:PerAddress:PermitLimit", "1"));
        using var client = host.CreateClient(accessToken: null, tenancy: null);
        await client.GetAsync("/account/me");

        using var response = await client.GetAsync("/account/me");

        await ProblemAssert.RateLimitedAsync(response);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    public static TheoryData<string, string?> OtherMethods => new()
    {
        { "TRACE", "contoso" },
        { "TRACE", null },
        { "TRACE", "fabrikam" },
        { "TRACE", "globex" },
        { "TRACE", "not a tenancy!" },
        { "POST", "contoso" },
        { "POST", null },
        { "POST", "northwind" },
        { "POST", "" },
        { "PUT", "fabrikam" },
        { "DELETE", null },
        { "HEAD", "globex" },
    };

    [Theory]
    [MemberData(nameof(OtherMethods))]
    public async Task OtherMethodOnMe_ByAnAuthenticatedCaller_Returns405ProblemWhateverTheTenancyHeaderSays(string method, string? tenancy)
    {
        using var client = factory.CreateClient(factory.Authority.Sign(ContosoUser), tenancy);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/account/me"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET"], response.Content.Headers.Allow);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        if (method != "HEAD")
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(405, problem.GetProperty("status").GetInt32());
        }
    }

    [Theory]
    [InlineData("TRACE")]
    [InlineData("POST")]
    public async Task OtherMethodOnMe_WithoutAValidToken_IsRefusedFirst(string method)
    {
        using var client = factory.CreateClient(accessToken: null, "contoso");

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/account/me"));

        await ProblemAssert.RefusedAsync(response, "missing_token");
    }
}
