using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using AccountApi.Testing;
using AccountApi.TestInfrastructure;

namespace AccountApi.Bench;

/// <summary>
/// The tenancy registry at scale (the scale-tenancies scenario): a SQLite registry filled through the admin API's
/// NDJSON import, on which the service is then started (start → first authorized 200 on a store that already holds
/// them) and measured beside the 3-tenancy service: throughput, CPU per request, resident memory per tenancy.
/// </summary>
internal static class RegistryScale
{
    /// <summary>
    /// Fills the registry the service is configured with (<c>TenancyRegistry__Sqlite</c> in <paramref name="settings"/>)
    /// with <paramref name="count"/> tenancies through the admin API's NDJSON import, as an operator would, beside the
    /// seed's; returns the import's seconds. The service runs for the import alone.
    /// </summary>
    public static async Task<double> FillAsync(string service, TestAuthority authority, IReadOnlyDictionary<string, string> settings, string work, int count)
    {
        var mix = new TokenMix(authority, work);
        var (probeToken, probeTenancy) = mix.Probe();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        var lines = Path.Combine(work, "tenancies.ndjson");
        await using (var writer = new StreamWriter(lines))
        {
            for (var i = 0; i < count; i++)
            {
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $$"""{"name":"t{{i:D7}}","directoryIds":["{{new Guid(i, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1):D}}"]}"""));
            }
        }

        var operatorSettings = new Dictionary<string, string>(settings)
        {
            ["Revocation__OperatorDirectories__0"] = TestDirectories.Contoso.ToString(),
            ["RateLimits__PerOperator__PermitLimit"] = "100000000",
        };
        using var filling = ServiceProcess.Start(service, operatorSettings, name: "registry-fill");
        await ServiceProcess.WaitForAsync(() => AuthorizedAsync(http, filling.Url, probeToken, probeTenancy), TimeSpan.FromSeconds(60), "the service to fill");
        using var import = new HttpRequestMessage(HttpMethod.Post, $"{filling.Url}/admin/tenancies/import")
        {
            Content = new StreamContent(File.OpenRead(lines)) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-ndjson") } },
        };
        import.Headers.Authorization = new AuthenticationHeaderValue("Bearer", authority.AppToken(TestDirectories.Contoso, TokenMix.ApiClientId, "Tenancies.Manage").Build());
        var importing = Stopwatch.StartNew();
        using var imported = await http.SendAsync(import);
        if (imported.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"registry-scale: the import answered {(int)imported.StatusCode}: {await imported.Content.ReadAsStringAsync()}");
        }

        File.Delete(lines);
        return importing.Elapsed.TotalSeconds;
    }

    /// <summary>Waits until the service says its registry is loaded (readiness Healthy), then lets it settle.</summary>
    public static async Task<double> LoadedResidentKilobytesAsync(ServiceProcess service)
    {
        using var http = new HttpClient();
        await ServiceProcess.WaitForAsync(async () => await http.GetStringAsync($"{service.Url}/health/ready") == "Healthy", TimeSpan.FromMinutes(2), "the registry to load");
        await Task.Delay(TimeSpan.FromSeconds(2));
        return service.ResidentKilobytes();
    }

    private static async Task<bool> AuthorizedAsync(HttpClient http, string url, string token, string tenancy)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{url}/account/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add(AccountApiHeaders.TenantId, tenancy);
        using var response = await http.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK;
    }
}
