using System.Net;
using System.Net.Http.Headers;
using AccountApi.Testing;

namespace AccountApi.Tests.Packaging;

/// <summary>
/// The build that ships by default (framework-dependent, ReadyToRun), run as an operator runs it: <c>dotnet
/// AccountApi.dll</c> in Production, configured by environment variables, fetching discovery and keys from an
/// authority over loopback http. <see cref="NativeServiceTests"/> covers the native build in depth; the in-process
/// tests run this same code.
/// </summary>
[Collection(DefaultPublishedService.Collection)]
public sealed class DefaultServiceTests(DefaultPublishedService published) : PublishedServiceTests
{
    private readonly DefaultPublishedService _published = published;

    [PublishedFact]
    public async Task AcceptsAValidToken_ServesItsRepeatFromTheCache_AndRefusesWhatItMust()
    {
        using var service = ServiceProcess.Start(_published.Dll, new Dictionary<string, string>
        {
            ["AzureAd__Instance"] = Authority.Instance,
            ["AzureAd__ClientId"] = AccountApiTestFactory<object>.DefaultApiClientId,
            ["Tenancies__contoso__DirectoryIds__0"] = TestDirectories.Contoso.ToString(),
            ["TenancyRegistry__Sqlite"] = Path.Combine(_published.Directory, $"tenancies-{Guid.NewGuid():N}.db"),
        }, name: "default-build");
        using var client = new HttpClient { BaseAddress = new Uri(service.Url), Timeout = TimeSpan.FromSeconds(10) };
        await ServiceProcess.WaitForAsync(async () => (await client.GetAsync("/health/live")).IsSuccessStatusCode, TimeSpan.FromSeconds(30), "the default build to start");
        var token = Authority.UserToken(TestDirectories.Contoso, AccountApiTestFactory<object>.DefaultApiClientId).Build();

        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var accepted = await client.SendAsync(Request(token, "contoso"));
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        await ProblemAssert.RefusedAsync(await client.SendAsync(Request(token, "globex")), "tenant_not_permitted");
        await ProblemAssert.RefusedAsync(await client.SendAsync(Request(token[..^4] + "AAAA", "contoso")), "invalid_token");
        await ProblemAssert.RefusedAsync(await client.SendAsync(Request(null, "contoso")), "missing_token");
    }

    private static HttpRequestMessage Request(string? token, string tenancy)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/account/me");
        request.Headers.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add(AccountApiHeaders.TenantId, tenancy);
        return request;
    }
}
