using System.Net;
using System.Text.Json;
using AccountApi.Entra;
using AccountApi.Logging;
using AccountApi.Revocation;
using AccountApi.Testing;
using AccountApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.Authentication;

/// <summary>The log records why a request was refused, with the validator's message; it never records a token.</summary>
public sealed class RefusalLoggingTests(AccountApiFactory factory) : IClassFixture<AccountApiFactory>
{
    private WebApplicationFactory<Program>? _host;

    [Fact]
    public async Task InvalidToken_LogsReasonAndValidatorMessageButNotTheToken()
    {
        var token = factory.Authority.Sign(ContosoUser with { Audience = "99999999-9999-4999-8999-999999999999" });
        using var host = WithCapturedLogs();

        using var response = await SendAsync(host, token, "contoso");

        await ProblemAssert.RefusedAsync(response, "invalid_token");
        var rejection = Assert.Single(Logs(EventIds.TokenRejected).Select(record => record.Message));
        Assert.Contains("invalid_token", rejection, StringComparison.Ordinal);
        Assert.Contains("IDX10214", rejection, StringComparison.Ordinal); // audience validation failed
        Assert.Contains("invalid_token", Assert.Single(Logs(EventIds.RequestRefused).Select(record => record.Message)), StringComparison.Ordinal);
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
        Assert.Contains("is not the v2.0 issuer of its directory", Assert.Single(Logs(EventIds.TokenRejected).Select(record => record.Message)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokedToken_LogsThatItWasRevokedByDigestButNotTheToken()
    {
        var claims = ContosoUser;
        var token = factory.Authority.Sign(claims);
        using var host = WithCapturedLogs();
        await host.Services.GetRequiredService<ITokenRevocationStore>()
            .RevokeTokenAsync(AccessTokenDigest.Of(token), claims.Expires, CancellationToken.None);

        using var response = await SendAsync(host, token, "contoso");

        await ProblemAssert.RefusedAsync(response, "invalid_token");
        var revoked = Assert.Single(Logs(EventIds.RevokedTokenPresented));
        Assert.Equal(LogLevel.Warning, revoked.Level);
        Assert.Contains("token revocation", revoked.Message, StringComparison.Ordinal);
        Assert.Contains($"(digest {AccessTokenDigest.Of(token)}) has been revoked", revoked.Message, StringComparison.Ordinal);
        Assert.Empty(Logs(EventIds.TokenRejected));
        AssertNeverLogged(token);
    }

    [Fact]
    public async Task TokenIssuedBeforeASubjectCutOff_LogsThatTheCutOffAppliedButNotTheToken()
    {
        var claims = ContosoUser;
        var token = factory.Authority.Sign(claims);
        using var host = WithCapturedLogs();
        await host.Services.GetRequiredService<ITokenRevocationStore>()
            .RevokeSubjectAsync(new RevocationSubject(claims.DirectoryId, claims.ObjectId), DateTimeOffset.UtcNow, CancellationToken.None);

        using var response = await SendAsync(host, token, "contoso");

        await ProblemAssert.RefusedAsync(response, "invalid_token");
        var revoked = Assert.Single(Logs(EventIds.RevokedTokenPresented));
        Assert.Contains("subject revocation", revoked.Message, StringComparison.Ordinal);
        Assert.Contains($"Every token of subject {claims.DirectoryId:D}/{claims.ObjectId:D} issued before", revoked.Message, StringComparison.Ordinal);
        AssertNeverLogged(token);
    }

    [Fact]
    public async Task TokenWithoutScpOrRoles_LogsIdentityWebsReason()
    {
        var token = factory.Authority.Sign(ContosoUser with { Scopes = null });
        using var host = WithCapturedLogs();

        using var response = await SendAsync(host, token, "contoso");

        await ProblemAssert.RefusedAsync(response, "invalid_token");
        Assert.Contains("scope", Assert.Single(Logs(EventIds.TokenRejected).Select(record => record.Message)), StringComparison.OrdinalIgnoreCase);
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

        // The same answer, byte for byte apart from the trace id.
        var answers = await Task.WhenAll(new[] { suspended, foreign, unknown }.Select(WithoutTraceId));
        Assert.All(answers, answer => Assert.Equal(answers[0], answer));
        var details = Logs(EventIds.TenancyNotPermitted).Select(record => record.Message).ToList();
        Assert.Equal(3, details.Count);
        Assert.Contains(details, message => message.Contains("suspended tenancy", StringComparison.Ordinal));
        Assert.Contains(details, message => message.Contains($"directory {ContosoDirectory} is not admitted", StringComparison.Ordinal));
        Assert.Contains(details, message => message.Contains("unknown tenancy", StringComparison.Ordinal));
        AssertNeverLogged(token);
    }

    [Fact]
    public async Task AuthorityOutage_IsLoggedAsAnErrorApartFromBadTokens()
    {
        var token = factory.Authority.Sign(ContosoUser);
        using var host = WithCapturedLogs(services => services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
            options.BackchannelHttpHandler = new UnreachableAuthority()));

        using var response = await SendAsync(host, token, "contoso");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var outage = Assert.Single(Logs(EventIds.AuthorityUnavailable));
        Assert.Equal(LogLevel.Error, outage.Level);
        Assert.Contains("Connection refused", outage.Message, StringComparison.Ordinal);
        Assert.Empty(Logs(EventIds.TokenRejected));
        AssertNeverLogged(token);
    }

    private IEnumerable<FakeLogRecord> Logs(int eventId) =>
        _host!.Services.GetFakeLogCollector().GetSnapshot().Where(record => record.Id.Id == eventId);

    private void AssertNeverLogged(string token)
    {
        var signature = token.Split('.')[2];
        var payload = token.Split('.')[1];
        Assert.DoesNotContain(_host!.Services.GetFakeLogCollector().GetSnapshot(), record =>
            $"{record.Message} {record.Exception}".Contains(payload, StringComparison.Ordinal)
            || $"{record.Message} {record.Exception}".Contains(signature, StringComparison.Ordinal));
    }

    private WebApplicationFactory<Program> WithCapturedLogs(Action<IServiceCollection>? services = null) =>
        _host = factory.WithWebHostBuilder(builder => builder
            .ConfigureLogging(logging => logging.AddFakeLogging())
            .ConfigureTestServices(services ?? (_ => { })));

    private static async Task<string> WithoutTraceId(HttpResponseMessage response)
    {
        var problem = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(await response.Content.ReadAsStringAsync())!;
        problem.Remove("traceId");
        return $"{(int)response.StatusCode} {response.Content.Headers.ContentType} {JsonSerializer.Serialize(problem)}";
    }

    /// <summary>An authority whose discovery document and keys cannot be fetched (connection refused).</summary>
    private sealed class UnreachableAuthority : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("Connection refused (test authority is down).");
    }

    private static async Task<HttpResponseMessage> SendAsync(WebApplicationFactory<Program> host, string token, string tenancy)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/me");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        request.Headers.TryAddWithoutValidation(AccountApiHeaders.TenantId, tenancy);
        return await client.SendAsync(request);
    }
}
