using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using AccountApi.Testing;
using AccountApi.TestInfrastructure;

namespace AccountApi.Bench;

/// <summary>
/// <c>--registry-scale N</c>: the tenancy registry with <c>N</c> tenancies (issue 19's scale goals). Imports them into
/// a SQLite registry through the admin API's NDJSON import, restarts the service on it (start → first authorized 200
/// on a store that already holds them), and runs warm traffic against it and a 3-tenancy service side by side:
/// throughput ratio, server CPU per request, and resident memory per tenancy over the 3-tenancy service's.
/// </summary>
internal static class RegistryScale
{
    public static async Task<int> RunAsync(string service, TestAuthority authority, string work, int count, int rounds, TimeSpan duration)
    {
        var mix = new TokenMix(authority, work);
        var warmFile = mix.Warm();
        var (probeToken, probeTenancy) = mix.Probe();
        var settings = new Dictionary<string, string>(TokenMix.ServiceSettings(authority.Instance))
        {
            ["Revocation__OperatorDirectories__0"] = TestDirectories.Contoso.ToString(),
            ["RateLimits__PerOperator__PermitLimit"] = "100000000",
        };
        var large = new Dictionary<string, string>(settings) { ["TenancyRegistry__Sqlite"] = Path.Combine(work, "large.db") };
        var small = new Dictionary<string, string>(settings) { ["TenancyRegistry__Sqlite"] = Path.Combine(work, "small.db") };
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };

        // Fill the registry through the admin API, as an operator would.
        var lines = Path.Combine(work, "tenancies.ndjson");
        await using (var writer = new StreamWriter(lines))
        {
            for (var i = 0; i < count; i++)
            {
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $$"""{"name":"t{{i:D7}}","directoryIds":["{{new Guid(i, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1):D}}"]}"""));
            }
        }

        double importSeconds;
        using (var filling = ServiceProcess.Start(service, large, name: "registry-fill"))
        {
            await ServiceProcess.WaitForAsync(() => AuthorizedAsync(http, filling.Url, probeToken, probeTenancy), TimeSpan.FromSeconds(60), "the service to fill");
            using var import = new HttpRequestMessage(HttpMethod.Post, $"{filling.Url}/admin/tenancies/import")
            {
                Content = new StreamContent(File.OpenRead(lines)) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-ndjson") } },
            };
            import.Headers.Authorization = new AuthenticationHeaderValue("Bearer", authority.AppToken(TestDirectories.Contoso, TokenMix.ApiClientId, "Tenancies.Manage").Build());
            var importing = Stopwatch.StartNew();
            using var imported = await http.SendAsync(import);
            importSeconds = importing.Elapsed.TotalSeconds;
            if (imported.StatusCode != HttpStatusCode.OK)
            {
                Console.Error.WriteLine($"registry-scale: the import answered {(int)imported.StatusCode}: {await imported.Content.ReadAsStringAsync()}");
                return 1;
            }
        }

        Console.WriteLine($"registry-scale: {count:N0} tenancies imported through POST /admin/tenancies/import in {importSeconds:0.0} s");

        var started = Stopwatch.StartNew();
        using var full = ServiceProcess.Start(service, large, name: "registry-full");
        await ServiceProcess.WaitForAsync(() => AuthorizedAsync(http, full.Url, probeToken, probeTenancy), TimeSpan.FromSeconds(120), "the service on the full registry", TimeSpan.FromMilliseconds(5));
        var startSeconds = started.Elapsed.TotalSeconds;
        using var few = ServiceProcess.Start(service, small, name: "registry-3");
        await ServiceProcess.WaitForAsync(() => AuthorizedAsync(http, few.Url, probeToken, probeTenancy), TimeSpan.FromSeconds(60), "the service with 3 tenancies");
        Console.WriteLine($"registry-scale: start → first authorized 200 on a registry of {count:N0}: {startSeconds:0.00} s");

        await Wrk.RunAsync(few.Url, warmFile, TimeSpan.FromSeconds(2));
        await Wrk.RunAsync(full.Url, warmFile, TimeSpan.FromSeconds(2));
        var ratios = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var (fewRate, fewCpu) = await MeasureAsync(few, warmFile, duration);
            var (fullRate, fullCpu) = await MeasureAsync(full, warmFile, duration);
            ratios.Add(fullRate / fewRate);
            Console.WriteLine($"registry-scale: round {round}: 3 tenancies {fewRate:N0} req/s ({fewCpu:0} µs CPU/req), {count:N0} tenancies {fullRate:N0} req/s ({fullCpu:0} µs CPU/req), ratio {fullRate / fewRate:0.00}");
        }

        var bytesPerTenancy = (full.ResidentKilobytes() - few.ResidentKilobytes()) * 1024.0 / count;
        Console.WriteLine($"registry-scale: warm throughput with {count:N0} tenancies ÷ 3 tenancies, worst round: {ratios.Min():0.00}");
        Console.WriteLine($"registry-scale: resident memory over the 3-tenancy service: {bytesPerTenancy:0} bytes a tenancy");
        return 0;
    }

    private static async Task<(double Rate, double CpuMicroseconds)> MeasureAsync(ServiceProcess target, string warmFile, TimeSpan duration)
    {
        var cpuBefore = target.CpuSeconds();
        var result = await Wrk.RunAsync(target.Url, warmFile, duration);
        return (result.RequestsPerSecond, (target.CpuSeconds() - cpuBefore) * 1e6 / Math.Max(result.Requests, 1));
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
