using AccountApi.SignInSessions;

namespace AccountApi.Tests.SignInSessions;

/// <summary>A client secret and Graph tokens travel to these addresses: never in clear text beyond this machine (MSAL wants https for the authority even there).</summary>
public sealed class SignInSessionOptionsValidatorTests
{
    [Theory]
    [InlineData("https://graph.microsoft.com/v1.0", "https://login.microsoftonline.com/", null)]
    [InlineData("http://127.0.0.1:5443/v1.0", "https://localhost:5443/", null)]
    [InlineData("https://graph.microsoft.com/v1.0", "http://127.0.0.1:5443/", "Revocation:Graph:Instance")]
    [InlineData("http://graph.example/v1.0", "https://login.microsoftonline.com/", "Revocation:Graph:BaseUrl")]
    [InlineData("https://graph.microsoft.com/v1.0", "http://login.example/", "Revocation:Graph:Instance")]
    [InlineData("graph.microsoft.com", "https://login.microsoftonline.com/", "Revocation:Graph:BaseUrl")]
    public void Addresses_MustBeHttpsOrLoopback(string baseUrl, string instance, string? namedKey)
    {
        var options = new SignInSessionOptions { ClientId = Guid.NewGuid().ToString(), ClientSecret = "secret", BaseUrl = baseUrl, Instance = instance };

        var result = new SignInSessionOptionsValidator().Validate(null, options);

        if (namedKey is null)
        {
            Assert.True(result.Succeeded, result.FailureMessage);
        }
        else
        {
            Assert.Contains(namedKey, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void WithoutClientId_NothingIsRequired()
    {
        Assert.True(new SignInSessionOptionsValidator().Validate(null, new SignInSessionOptions()).Succeeded);
    }
}
