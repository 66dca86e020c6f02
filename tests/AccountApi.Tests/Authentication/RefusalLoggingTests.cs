using System.Net;
using AccountApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.Authentication;

/// <summary>The log records why a request was refused, with the validator's message; it never records a token.</summary>
public sealed class RefusalLoggingTests(AccountApiFactory factory) : IClassFixture<AccountApiFactory>, IDisposable
{
    private readonly CapturedLogs _logs = new();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task InvalidToken_LogsReasonAndValidatorMessageButNotTheToken()
    {
        var token = factory.Authority.Sign(ContosoUser with { Audience = "99999999-9999-4999-8999-999999999999" });
        using var host = WithCapturedLogs();

        using var response = await SendAsync(host, token, "contoso");

        await ProblemAssert.RefusedAsync(response, "invalid_token");
        var rejection = Assert.Single(_logs.MessagesOf(1001));
        Assert.Contains("invalid_token", rejection, StringComparison.Ordinal);
        Assert.Contains("IDX10214", rejection, StringComparison.Ordinal); // audience validation failed
        Assert.Contains("invalid_token", Assert.Single(_logs.MessagesOf(3001)), StringComparison.Ordinal);
        AssertNeverLogged(token);
    }

    [Theory]
    [InlineData("https://sts.windows.net/{0}/")]
    [InlineData("https://login.evil.example/{0}/v2.0")]
    public async Task TokenWithForeignIssuer_IsRejectedByTheLocalIssuerRuleWithoutFetchingAnything(string issuerFormat)
    {
        var token = factory.Authority.Sign(ContosoUser with { Issuer = string.Format(System.Globalization.CultureInfo.InvariantCulture, issuerFormat, ContosoDirectory) });
        using var host = WithCapturedLogs();

        using var response = await SendAsync(host, token, "contoso");

        await ProblemAssert.RefusedAsync(response, "invalid_token");
        // The local rule's message, not a failed metadata fetch by Identity.Web's fallback issuer validator.
        Assert.Contains("is not the v2.0 issuer of its directory", Assert.Single(_logs.MessagesOf(1001)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokedToken_LogsItsTokenIdButNotTheToken()
    {
        var claims = ContosoUser;
        var token = factory.Authority.Sign(claims);
        using var host = WithCapturedLogs();
        await host.Services.GetRequiredService<AccountApi.Authentication.ITokenRevocationStore>()
            .RevokeAsync(claims.TokenId, claims.Expires, CancellationToken.None);

        using var response = await SendAsync(host, token, "contoso");

        await ProblemAssert.RefusedAsync(response, "invalid_token");
        Assert.Contains($"(uti {claims.TokenId}) has been revoked", Assert.Single(_logs.MessagesOf(1001)), StringComparison.Ordinal);
        AssertNeverLogged(token);
    }

    [Fact]
    public async Task TokenWithoutScpOrRoles_LogsIdentityWebsReason()
    {
        var token = factory.Authority.Sign(ContosoUser with { Scopes = null });
        using var host = WithCapturedLogs();

        using var response = await SendAsync(host, token, "contoso");

        await ProblemAssert.RefusedAsync(response, "invalid_token");
        Assert.Contains("scope", Assert.Single(_logs.MessagesOf(1001)), StringComparison.OrdinalIgnoreCase);
        AssertNeverLogged(token);
    }

    [Fact]
    public async Task ForeignTenancy_LogsWhichRefusalItWas_WhileTheAnswerStaysTheSame()
    {
        var token = factory.Authority.Sign(ContosoUser);
        using var host = WithCapturedLogs();

        using var suspended = await SendAsync(host, token, "northwind");
        using var foreign = await SendAsync(host, token, "fabrikam");
        using var unknown = await SendAsync(host, token, "globex");

        var details = _logs.MessagesOf(2006).ToList();
        Assert.Equal(3, details.Count);
        Assert.Contains(details, message => message.Contains("suspended tenancy", StringComparison.Ordinal));
        Assert.Contains(details, message => message.Contains($"directory {ContosoDirectory} is not admitted", StringComparison.Ordinal));
        Assert.Contains(details, message => message.Contains("unknown tenancy", StringComparison.Ordinal));
        AssertNeverLogged(token);
    }

    [Fact]
    public async Task InvalidTenanciesReload_LogsWhyAndKeepsTheLastValidSet()
    {
        using var host = WithCapturedLogs();
        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();

        configuration["Tenancies:contoso:DirectoryIds:0"] = "not-a-guid";
        configuration.Reload();

        // Setting the key and reloading may each raise a change; every rejection names the key.
        var rejections = _logs.MessagesOf(2002).ToList();
        Assert.NotEmpty(rejections);
        Assert.All(rejections, rejection => Assert.Contains("Tenancies:contoso:DirectoryIds:0", rejection, StringComparison.Ordinal));
        using var response = await SendAsync(host, factory.Authority.Sign(ContosoUser), "contoso");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private void AssertNeverLogged(string token)
    {
        var signature = token.Split('.')[2];
        var payload = token.Split('.')[1];
        Assert.DoesNotContain(_logs.Entries, entry => entry.Message.Contains(payload, StringComparison.Ordinal) || entry.Message.Contains(signature, StringComparison.Ordinal));
    }

    private WebApplicationFactory<Program> WithCapturedLogs() =>
        factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(_logs)));

    private static async Task<HttpResponseMessage> SendAsync(WebApplicationFactory<Program> host, string token, string tenancy)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/me");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        request.Headers.TryAddWithoutValidation("X-Tenant-ID", tenancy);
        return await client.SendAsync(request);
    }
}
