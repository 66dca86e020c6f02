using AccountApi.Entra;
using AccountApi.Revocation;
using AccountApi.Telemetry;
using AccountApi.Tenancy;
using AccountApi.Testing;
using AccountApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.Telemetry;

/// <summary>The service's meter, read through OpenTelemetry's in-memory exporter as an operator's backend would receive it.</summary>
[Collection(nameof(MetricsTestGroup))]
public sealed class AccountMetricsTests : IDisposable
{
    private const string Refusals = "accountapi.refusals";
    private const string TenancyResolutions = "accountapi.tenancy.resolutions";
    private readonly AccountApiFactory _factory = new();
    private readonly ExportedMetrics _metrics = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Refusals_AreCountedUnderTheirReason()
    {
        var host = _metrics.Attach(_factory);
        using var anonymous = host.CreateClient(accessToken: null, "contoso");
        using var foreign = host.CreateClient(_factory.UserToken(FabrikamDirectory).Build(), "contoso");
        using var expired = host.CreateClient(_factory.UserToken(ContosoDirectory).Expired().Build(), "contoso");

        (await anonymous.GetAsync("/account/me")).Dispose();
        (await anonymous.GetAsync("/account/me")).Dispose();
        (await foreign.GetAsync("/account/me")).Dispose();
        (await expired.GetAsync("/account/me")).Dispose();

        Assert.Equal(2, _metrics.Sum(Refusals, (AccountMetrics.ReasonTag, "missing_token")));
        Assert.Equal(1, _metrics.Sum(Refusals, (AccountMetrics.ReasonTag, "tenant_not_permitted")));
        Assert.Equal(1, _metrics.Sum(Refusals, (AccountMetrics.ReasonTag, "invalid_token")));
        Assert.Equal(4, _metrics.Sum(Refusals));
    }

    [Fact]
    public async Task TenancyResolutions_AreCountedByOutcome_WithoutTenancyNamesByDefault()
    {
        var host = _metrics.Attach(_factory);
        await GetMeAsync(host, "contoso");
        await GetMeAsync(host, "globex");
        await GetMeAsync(host, tenancy: null);

        Assert.Equal(1, _metrics.Sum(TenancyResolutions, (AccountMetrics.OutcomeTag, TenancyResolutionNames.Of(TenancyResolution.Found))));
        Assert.Equal(1, _metrics.Sum(TenancyResolutions, (AccountMetrics.OutcomeTag, TenancyResolutionNames.Of(TenancyResolution.Missing))));
        Assert.All(_metrics.Points(TenancyResolutions), point => Assert.DoesNotContain(AccountMetrics.TenancyTag, point.Tags.Keys));
        Assert.All(_metrics.Points(Refusals), point => Assert.DoesNotContain(AccountMetrics.TenancyTag, point.Tags.Keys));
    }

    [Fact]
    public async Task TenancyTag_WhenSwitchedOn_CarriesOnlyConfiguredNames()
    {
        var host = _metrics.Attach(_factory.WithWebHostBuilder(builder => builder.ConfigureAppConfiguration((_, configuration) =>
            configuration.AddInMemoryCollection([new("Telemetry:TagTenancy", "true")]))));
        await GetMeAsync(host, "contoso");
        await GetMeAsync(host, "globex");

        var tenancies = _metrics.Points(TenancyResolutions).Select(point => point.Tags.GetValueOrDefault(AccountMetrics.TenancyTag)).ToList();
        Assert.Contains("contoso", tenancies);
        // A name no tenancy has is the caller's text: it never becomes a tag value.
        Assert.DoesNotContain("globex", tenancies);
    }

    [Fact]
    public async Task Revocations_AreCountedWhenRecordedAndWhenARevokedTokenIsRefused()
    {
        var host = _metrics.Attach(_factory);
        var claims = _factory.UserToken(ContosoDirectory).Claims;
        var token = _factory.Authority.Sign(claims);
        await host.Services.GetRequiredService<ITokenRevocationStore>().RevokeTokenAsync(AccessTokenDigest.Of(token), claims.Expires, CancellationToken.None);
        using var client = host.CreateClient(token, "contoso");

        using var response = await client.GetAsync("/account/me");

        await ProblemAssert.RefusedAsync(response, "invalid_token");
        Assert.Equal(1, _metrics.Sum("accountapi.token.revocations", (AccountMetrics.KindTag, RevocationKinds.Recorded)));
        Assert.Equal(1, _metrics.Sum("accountapi.token.revocations", (AccountMetrics.KindTag, RevocationKinds.Refused)));
    }

    private async Task GetMeAsync(WebApplicationFactory<Program> host, string? tenancy)
    {
        using var client = host.CreateClient(_factory.UserToken(ContosoDirectory).Build(), tenancy);
        (await client.GetAsync("/account/me")).Dispose();
    }
}
