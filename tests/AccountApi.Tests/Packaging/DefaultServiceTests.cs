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
        var (service, client, token) = await StartAndServeAsync();
        using (service)
        using (client)
        {
            await ProblemAssert.RefusedAsync(await client.SendAsync(Request(token, "globex")), "tenant_not_permitted");
            await ProblemAssert.RefusedAsync(await client.SendAsync(Request(token[..^4] + "AAAA", "contoso")), "invalid_token");
            await ProblemAssert.RefusedAsync(await client.SendAsync(Request(null, "contoso")), "missing_token");
        }
    }

    [PublishedFact]
    public async Task WithoutRedisOrPostgreSql_NeitherClientIsLoaded()
    {
        var (service, client, _) = await StartAndServeAsync();
        using (service)
        using (client)
        {
            // What the process has mapped: an assembly that was loaded is there (a few MB resident each).
            var mapped = await File.ReadAllTextAsync($"/proc/{service.ProcessId}/maps");
            Assert.Contains("Microsoft.Data.Sqlite.dll", mapped, StringComparison.Ordinal);
            Assert.DoesNotContain("Npgsql.dll", mapped, StringComparison.Ordinal);
            Assert.DoesNotContain("StackExchange.Redis.dll", mapped, StringComparison.Ordinal);
        }
    }

    // The default build on SQLite with one tenancy, ready, having accepted a token three times (a first use, then hits).
    private async Task<(ServiceProcess Service, HttpClient Client, string Token)> StartAndServeAsync()
    {
        var service = ServiceProcess.Start(_published.Dll, new Dictionary<string, string>
        {
            ["AzureAd__Instance"] = Authority.Instance,
            ["AzureAd__ClientId"] = AccountApiTestFactory<object>.DefaultApiClientId,
            ["Tenancies__contoso__DirectoryIds__0"] = TestDirectories.Contoso.ToString(),
            ["TenancyRegistry__Sqlite"] = Path.Combine(_published.Directory, $"tenancies-{Guid.NewGuid():N}.db"),
        }, name: "default-build");
        var client = new HttpClient { BaseAddress = new Uri(service.Url), Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            await ServiceProcess.WaitForAsync(async () => (await client.GetAsync("/health/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(30), "the default build to be ready");
            var token = Authority.UserToken(TestDirectories.Contoso, AccountApiTestFactory<object>.DefaultApiClientId).Build();
            for (var attempt = 0; attempt < 3; attempt++)
            {
                using var accepted = await client.SendAsync(Request(token, "contoso"));
                Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            }

            return (service, client, token);
        }
        catch
        {
            client.Dispose();
            service.Dispose();
            throw;
        }
    }

    private static HttpRequestMessage Request(string? token, string tenancy)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/account/me");
        request.Headers.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add(AccountApiHeaders.TenantId, tenancy);
        return request;
    }
}
