using System.Net;
using System.Text.Json;
using AccountApi.DevIdentity.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.DevIdentity.Tests.Signing;

public sealed class SigningKeyTests(ProviderFixture provider) : IClassFixture<ProviderFixture>
{
    private static readonly string s_jwksPath = $"/{DevData.ContosoTenantId}/discovery/v2.0/keys";

    [Fact]
    public async Task AccessToken_ValidatesAgainstThePublishedJwks_WithIssuerAndAudience()
    {
        var host = provider.Host;
        var token = (await host.Client.SignInCliAsync()).GetProperty("access_token").GetString()!;

        var result = await ValidateAsync(host, token, $"{DevData.BaseAddress}/{DevData.ContosoTenantId}/v2.0");

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal(DevData.Alice, result.Claims["preferred_username"]);
    }

    [Fact]
    public async Task AccessToken_IsRejectedWithTheWrongIssuer()
    {
        var host = provider.Host;
        var token = (await host.Client.SignInCliAsync()).GetProperty("access_token").GetString()!;

        var result = await ValidateAsync(host, token, $"{DevData.BaseAddress}/{DevData.FabrikamTenantId}/v2.0");

        Assert.False(result.IsValid);
    }

    [Fact]
    public async Task SigningKey_IsPersistedAndReusedByTheNextHostWithTheSamePath()
    {
        var folder = TempFolder.Create();
        try
        {
            var path = Path.Combine(folder, "nested", "keys.json");
            string firstKid;
            string token;
            await using (var first = await DevIdentityTestHost.StartAsync(signingKeyPath: path))
            {
                firstKid = await CurrentKidAsync(first);
                token = (await first.Client.SignInCliAsync()).GetProperty("access_token").GetString()!;
            }

            await using var second = await DevIdentityTestHost.StartAsync(signingKeyPath: path);

            Assert.Equal(firstKid, await CurrentKidAsync(second));
            Assert.True((await ValidateAsync(second, token, $"{DevData.BaseAddress}/{DevData.ContosoTenantId}/v2.0")).IsValid);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }

            Assert.Contains("PRIVATE KEY", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        }
        finally
        {
            TempFolder.Delete(folder);
        }
    }

    [Fact]
    public async Task RotateEndpoint_PublishesNewAndPreviousKey_AndNewTokensCarryTheNewKid()
    {
        await using var host = await DevIdentityTestHost.StartAsync();
        var oldKid = await CurrentKidAsync(host);
        var oldToken = (await host.Client.SignInCliAsync()).GetProperty("access_token").GetString()!;

        using var body = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        using var rotation = await host.Client.PostAsync("/keys/rotate", body);
        var rotated = await rotation.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, rotation.StatusCode);
        var newKid = rotated.GetProperty("kid").GetString()!;
        Assert.NotEqual(oldKid, newKid);
        Assert.Equal(oldKid, rotated.GetProperty("previous_kid").GetString());
        var jwks = await host.Client.GetJsonAsync(s_jwksPath);
        Assert.Equal([newKid, oldKid], jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()));
        var newToken = (await host.Client.SignInCliAsync()).AccessToken();
        Assert.Equal(newKid, newToken.Kid);
        var issuer = $"{DevData.BaseAddress}/{DevData.ContosoTenantId}/v2.0";
        Assert.True((await ValidateAsync(host, oldToken, issuer)).IsValid, "tokens of the previous key still validate");
        Assert.True((await ValidateAsync(host, newToken.EncodedToken, issuer)).IsValid);
    }

    [Fact]
    public async Task Rotate_ThroughDevSigningKeysTwice_DropsTheOldestKeyAndPersists()
    {
        await using var host = await DevIdentityTestHost.StartAsync();
        var keys = host.Services.GetRequiredService<IDevSigningKeys>();
        var original = keys.CurrentKeyId;

        var second = await keys.RotateAsync();
        var third = await keys.RotateAsync();

        Assert.Equal(third, keys.CurrentKeyId);
        Assert.Equal(second, keys.PreviousKeyId);
        var published = (await host.Client.GetJsonAsync(s_jwksPath)).GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToList();
        Assert.Equal([third, second], published);
        Assert.DoesNotContain(original, published);
    }

    [Fact]
    public async Task SigningKeyFile_InTheOldJsonFormat_IsReplacedByANewPemKeyWithAWarning()
    {
        var folder = TempFolder.Create();
        try
        {
            var path = Path.Combine(folder, "keys.json");
            await File.WriteAllTextAsync(path, """{ "keys": [ { "kty": "RSA", "kid": "old", "n": "AQAB", "e": "AQAB", "d": "AQAB", "created_at": 0 } ] }""");

            await using var host = await DevIdentityTestHost.StartAsync(signingKeyPath: path);

            Assert.StartsWith("-----BEGIN PRIVATE KEY-----", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
            Assert.NotEqual("old", await CurrentKidAsync(host));
            var warning = Assert.Single(host.Logs.GetSnapshot(), r => r.Id.Id == 6);
            Assert.Equal(LogLevel.Warning, warning.Level);
            Assert.Contains(path, warning.Message, StringComparison.Ordinal);
        }
        finally
        {
            TempFolder.Delete(folder);
        }
    }

    private static async Task<string> CurrentKidAsync(DevIdentityTestHost host) =>
        (await host.Client.GetJsonAsync(s_jwksPath)).GetProperty("keys")[0].GetProperty("kid").GetString()!;

    private static async Task<TokenValidationResult> ValidateAsync(DevIdentityTestHost host, string token, string issuer)
    {
        var jwks = await host.Client.GetJsonAsync(s_jwksPath);
        var keySet = new JsonWebKeySet(JsonSerializer.Serialize(jwks));
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = DevData.ApiClientId,
            IssuerSigningKeys = keySet.GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
        });
    }
}
