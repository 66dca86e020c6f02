using System.Net;
using AccountApi.DevIdentity.Tests.Infrastructure;

namespace AccountApi.DevIdentity.Tests.Token;

/// <summary>
/// A code is single-use (RFC 6749 §10.5, OAuth 2.1 §4.1.3): a failed redemption by an authenticated client spends it,
/// because a code presented by the wrong client or with the wrong verifier may have been intercepted.
/// </summary>
public sealed class FailedRedemptionTests
{
    public static TheoryData<string> Failures => ["wrong verifier", "wrong client", "wrong redirect_uri", "no verifier"];

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Token_AfterAFailedRedemption_RefusesTheLegitimateClientsRightRedemption(string failure)
    {
        await using var host = await DevIdentityTestHost.StartAsync();
        var pkce = PkcePair.Create();
        var code = await host.Client.GetCodeAsync(ProviderRequests.SpaAuthorize(pkce));
        using var failed = await host.Client.TokenAsync(FailedRedemption(failure, code, pkce));
        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);

        using var legitimate = await host.Client.TokenAsync(ProviderRequests.SpaRedemption(code, pkce.Verifier));

        Assert.Equal(HttpStatusCode.BadRequest, legitimate.StatusCode);
        var body = await legitimate.ReadJsonAsync();
        Assert.Equal("invalid_grant", body.Error());
        Assert.StartsWith("AADSTS54005:", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.Empty(host.Sink.Revoked);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 25 && r.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    [Fact]
    public async Task Token_WhenTheClientFailsToAuthenticate_LeavesTheCodeToTheLegitimateClient()
    {
        await using var host = await DevIdentityTestHost.StartAsync();
        var code = await host.Client.GetCodeAsync(ProviderRequests.CliAuthorize());
        var unauthenticated = ProviderRequests.CliRedemption(code);
        unauthenticated["client_secret"] = "guessed";
        using var refused = await host.Client.TokenAsync(unauthenticated);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var legitimate = await host.Client.TokenAsync(ProviderRequests.CliRedemption(code));

        Assert.Equal(HttpStatusCode.OK, legitimate.StatusCode);
    }

    private static Dictionary<string, string> FailedRedemption(string failure, string code, PkcePair pkce)
    {
        var form = ProviderRequests.SpaRedemption(code, pkce.Verifier);
        switch (failure)
        {
            case "wrong verifier":
                form["code_verifier"] = PkcePair.Create().Verifier;
                break;
            case "wrong client":
                form = ProviderRequests.CliRedemption(code);
                form["redirect_uri"] = DevData.SpaRedirect;
                form["code_verifier"] = pkce.Verifier;
                break;
            case "wrong redirect_uri":
                form["redirect_uri"] = DevData.SpaRedirect + "/";
                break;
            default:
                form.Remove("code_verifier");
                break;
        }

        return form;
    }
}
