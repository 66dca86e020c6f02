using System.Net;
using System.Text.Json;
using AccountApi.Logging;
using AccountApi.Testing;
using AccountApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.Authentication;

/// <summary>
/// Rules IdentityModel leaves lenient, held strictly here: <c>crit</c> (RFC 7515 §4.1.11), the audience exactly as
/// configured, and one spelling of the directory id. Tokens are signed with the authority's published key, so each
/// one fails (or passes) for the rule under test alone.
/// </summary>
public sealed class TokenHeaderRuleTests(AccountApiFactory factory) : IClassFixture<AccountApiFactory>
{
    private static readonly string s_contosoUpper = ContosoDirectory.ToString().ToUpperInvariant();

    public static TheoryData<string> CriticalHeaders => new()
    {
        """["x-unknown"]""",
        // Naming a registered parameter is itself invalid (§4.1.11), and an empty list is not allowed either.
        """["exp"]""",
        "[]",
        "\"x-unknown\"",
    };

    [Theory]
    [MemberData(nameof(CriticalHeaders))]
    public async Task GetMe_WithCritHeader_Returns403InvalidTokenAndLogsWhy(string crit)
    {
        var token = Resign(ContosoUser, header: new() { ["crit"] = JsonDocument.Parse(crit).RootElement, ["x-unknown"] = true });
        using var host = WithCapturedLogs();

        using var response = await host.CreateClient(token, "contoso").GetAsync("/account/me");

        await ProblemAssert.RefusedAsync(response, "invalid_token");
        var rejection = Assert.Single(host.Services.GetFakeLogCollector().GetSnapshot(), record => record.Id.Id == EventIds.TokenRejected);
        Assert.Contains("'crit'", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMe_WithTheSameTokenResignedWithoutCrit_Returns200()
    {
        // The control for the crit cases: re-signing alone does not make a token fail.
        var token = Resign(ContosoUser, header: new() { ["x-unknown"] = true });

        using var response = await factory.CreateClient(token, "contoso").GetAsync("/account/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("api://" + ApiClientId + "/")]
    [InlineData(ApiClientId + "/")]
    public async Task GetMe_WithTrailingSlashOnTheAudience_Returns403InvalidToken(string audience)
    {
        using var host = WithCapturedLogs();

        using var response = await CreateClient(host, factory.Authority, ContosoUser with { Audience = audience }, "contoso").GetAsync("/account/me");

        await ProblemAssert.RefusedAsync(response, "invalid_token");
        var rejection = Assert.Single(host.Services.GetFakeLogCollector().GetSnapshot(), record => record.Id.Id == EventIds.TokenRejected);
        Assert.Contains("IDX10214", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMe_WithUpperCaseTid_AnswersTheCanonicalLowerCaseDirectoryId()
    {
        // Entra's issuer carries the lower-case GUID; only tid is spelled differently. Keys without an issuer: with
        // Entra's, the key's directory check refuses such a token first (the next test).
        using var own = new AccountApiFactory();
        own.Authority.KeyIssuer = null;
        var token = Resign(own.Authority, ContosoUser, payload => payload["tid"] = s_contosoUpper);

        using var response = await own.CreateClient(token, "contoso").GetAsync("/account/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var account = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(TestDirectories.ContosoId, account.GetProperty("directoryId").GetString());
    }

    [Fact]
    public async Task GetMe_WithUpperCaseTid_UnderKeysPublishedWithEntrasIssuer_IsRefused()
    {
        // Entra never writes an upper-case tid; its keys name the issuer {instance}/{tenantid}/v2.0, and the tid
        // substituted there must give the token's issuer exactly.
        var token = Resign(ContosoUser, payload => payload["tid"] = s_contosoUpper);

        using var response = await factory.CreateClient(token, "contoso").GetAsync("/account/me");

        await ProblemAssert.RefusedAsync(response, "invalid_token");
    }

    [Fact]
    public async Task GetMe_WithIssuerSpellingTheDirectoryInUpperCase_Returns403InvalidToken()
    {
        // The issuer must be exactly Entra's: {Instance}{lower-case tid}/v2.0, however tid is spelled.
        var token = Resign(ContosoUser, payload =>
        {
            payload["tid"] = s_contosoUpper;
            payload["iss"] = $"{factory.Authority.Instance}{s_contosoUpper}/v2.0";
        });
        using var host = WithCapturedLogs();

        using var response = await host.CreateClient(token, "contoso").GetAsync("/account/me");

        await ProblemAssert.RefusedAsync(response, "invalid_token");
        Assert.Contains("is not the v2.0 issuer of its directory", Assert.Single(host.Services.GetFakeLogCollector().GetSnapshot(), record => record.Id.Id == EventIds.TokenRejected).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("B")]
    [InlineData("N")]
    [InlineData("P")]
    public async Task GetMe_WithTidInAnotherGuidFormat_Returns403InvalidToken(string format)
    {
        var token = Resign(ContosoUser, payload => payload["tid"] = ContosoDirectory.ToString(format));

        using var response = await factory.CreateClient(token, "contoso").GetAsync("/account/me");

        await ProblemAssert.RefusedAsync(response, "invalid_token");
    }

    /// <summary>The claims of <paramref name="claims"/>, changed by <paramref name="payload"/>, signed by the authority's key with extra header parameters.</summary>
    private string Resign(TestAccessToken claims, Action<Dictionary<string, object?>>? payload = null, Dictionary<string, object>? header = null) =>
        Resign(factory.Authority, claims, payload, header);

    private static string Resign(
        TestAuthority authority, TestAccessToken claims, Action<Dictionary<string, object?>>? payload = null, Dictionary<string, object>? header = null)
    {
        var signed = authority.Sign(claims);
        var body = JsonSerializer.Deserialize<Dictionary<string, object?>>(Base64UrlEncoder.Decode(signed.Split('.')[1]))!;
        payload?.Invoke(body);
        var credentials = new SigningCredentials(authority.SigningKey, SecurityAlgorithms.RsaSha256);
        return new JsonWebTokenHandler().CreateToken(JsonSerializer.Serialize(body), credentials, header ?? []);
    }

    private WebApplicationFactory<Program> WithCapturedLogs() =>
        factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddFakeLogging()));
}
