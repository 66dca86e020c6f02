using System.Net;
using AccountApi.Logging;
using AccountApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.Authentication;

/// <summary>
/// Entra publishes, with each signing key, the issuer it signs for. Microsoft.Identity.Web checks a token's directory
/// against it, but only when JwtBearer hands the metadata to validation: a key published for one directory must not
/// validate another directory's tokens.
/// </summary>
public sealed class SigningKeyIssuerTests : IDisposable
{
    private readonly AccountApiFactory _factory = new();

    [Fact]
    public async Task KeyPublishedForAnotherDirectory_DoesNotValidateThisDirectorysTokens()
    {
        _factory.Authority.KeyIssuer = _factory.Authority.IssuerFor(FabrikamDirectory);
        using var host = _factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddFakeLogging()));

        using var contoso = await CreateClient(host, _factory.Authority, ContosoUser, "contoso").GetAsync("/account/me");
        using var fabrikam = await CreateClient(host, _factory.Authority, FabrikamUser, "fabrikam").GetAsync("/account/me");

        await ProblemAssert.RefusedAsync(contoso, "invalid_token");
        Assert.Equal(HttpStatusCode.OK, fabrikam.StatusCode);
        var rejection = Assert.Single(host.Services.GetFakeLogCollector().GetSnapshot(), record => record.Id.Id == EventIds.TokenRejected);
        Assert.Contains("IDX40", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyPublishedForEveryDirectory_ValidatesEachDirectorysTokens()
    {
        // Entra's multi-tenant keys carry the template {tenantid}: the default of the test authority.
        using var contoso = await _factory.CreateClient(ContosoUser, "contoso").GetAsync("/account/me");
        using var fabrikam = await _factory.CreateClient(FabrikamUser, "fabrikam").GetAsync("/account/me");

        Assert.Equal(HttpStatusCode.OK, contoso.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fabrikam.StatusCode);
    }

    [Fact]
    public void Metadata_IsFetchedAgainHourly_SoAWithdrawnKeyIsNotKeptForJwtBearersHalfDay()
    {
        var jwtBearer = _factory.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);

        var manager = Assert.IsAssignableFrom<BaseConfigurationManager>(jwtBearer.ConfigurationManager);

        Assert.Equal(TimeSpan.FromHours(1), manager.AutomaticRefreshInterval);
        Assert.False(manager.UseLastKnownGoodConfiguration);
    }

    public void Dispose() => _factory.Dispose();
}
