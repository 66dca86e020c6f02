using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AccountApi.DevHost.Tests.Infrastructure;

namespace AccountApi.DevHost.Tests.SignIn;

/// <summary>
/// README's quick start, steps 6 and 7, over real sockets: the operator's application onboards a tenancy through the
/// admin API, and a signed-in user uses it at once.
/// </summary>
public sealed class OnboardingTests(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    private readonly SignInClient _client = new(host.CreateClient(host.ProviderBase), host.CreateClient(host.ApiBase));

    [Fact]
    public async Task OperatorOnboardsATenancy_AndAliceUsesItAtOnce()
    {
        var alice = (await _client.SignInAsync("alice@contoso.example")).GetProperty("access_token").GetString()!;
        await ProblemAssert.RefusedAsync(await _client.GetMeAsync(alice, "globex"), "tenant_not_permitted");
        var operatorToken = (await SignInClient.ReadTokensAsync(await _client.OperatorTokenAsync())).GetProperty("access_token").GetString()!;

        using var request = new HttpRequestMessage(HttpMethod.Put, "/admin/tenancies/globex")
        {
            Content = new StringContent($$"""{"displayName":"Globex","directoryIds":["{{DevData.ContosoTenantId}}"]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", operatorToken);
        using var onboarded = await _client.SendToApiAsync(request);

        Assert.Equal(HttpStatusCode.Created, onboarded.StatusCode);
        Assert.NotNull(onboarded.Headers.ETag);
        using var me = await _client.GetMeAsync(alice, "globex");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("Globex", JsonDocument.Parse(await me.Content.ReadAsStringAsync()).RootElement.GetProperty("tenancy").GetProperty("displayName").GetString());
    }
}
