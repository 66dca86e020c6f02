using System.Net;
using System.Net.Http.Headers;
using AccountApi.Tenancy;
using AccountApi.Testing;
using AccountApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.Tenancy;

/// <summary>
/// <c>.WithoutTenancy()</c> marks an endpoint that needs a valid token but no tenancy (an operator route): the header
/// is neither read nor required, every token requirement still applies, and anonymous endpoints stay anonymous.
/// </summary>
public sealed class WithoutTenancyTests : IAsyncLifetime, IDisposable
{
    private readonly AccountApiFactory _settings = new();
    private readonly TestAuthority _authority;
    private WebApplication? _app;
    private HttpClient? _client;

    public WithoutTenancyTests() => _authority = _settings.Authority;

    public async Task InitializeAsync()
    {
        // The service's own composition, plus two endpoints of the kind a host embedding it would add.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(_settings.Settings);
        builder.Configuration.AddInMemoryCollection([new("AzureAd:Instance", _authority.Instance)]);
        builder.AddAccountApi();
        builder.Services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options => options.BackchannelHttpHandler = _authority.Handler);
        _app = builder.Build();
        _app.UseAccountApi();
        _app.MapGet("/operator/status", (HttpContext context) => TypedResults.Ok(TenancyContext.Of(context).Resolution.ToString())).WithoutTenancy();
        _app.MapGet("/operator/public", () => TypedResults.Ok("public")).AllowAnonymous();
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("globex")]
    [InlineData("../../etc")]
    public async Task WithoutTenancyEndpoint_WithValidToken_AnswersWhateverTheTenancyHeaderSays(string? tenancy)
    {
        using var response = await SendAsync("/operator/status", _authority.Sign(ContosoUser), tenancy);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The header was not even read.
        Assert.Equal("\"NotEvaluated\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WithoutTenancyEndpoint_WithoutToken_IsRefusedAsMissingToken()
    {
        using var response = await SendAsync("/operator/status", token: null, tenancy: null);

        await ProblemAssert.RefusedAsync(response, "missing_token");
    }

    [Fact]
    public async Task WithoutTenancyEndpoint_WithAppOnlyToken_StillNeedsAUserToken()
    {
        var token = _authority.Sign(TestAccessToken.AppOnly(ContosoDirectory, ApiClientId, "Account.Read.All"));

        using var response = await SendAsync("/operator/status", token, tenancy: null);

        await ProblemAssert.RefusedAsync(response, "user_token_required");
    }

    [Fact]
    public async Task AnonymousEndpoint_StaysAnonymous()
    {
        using var response = await SendAsync("/operator/public", token: null, tenancy: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AccountEndpoint_StillNeedsItsTenancy()
    {
        using var response = await SendAsync("/account/me", _authority.Sign(ContosoUser), tenancy: null);

        await ProblemAssert.RefusedAsync(response, "missing_tenant");
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    public void Dispose() => _settings.Dispose();

    private Task<HttpResponseMessage> SendAsync(string path, string? token, string? tenancy)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (tenancy is not null)
        {
            request.Headers.Add(AccountApiHeaders.TenantId, tenancy);
        }

        return _client!.SendAsync(request);
    }
}
