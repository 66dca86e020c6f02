using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AccountApi.TestInfrastructure;
using AccountApi.Soak;
using AccountApi.Testing;

// bench/run-soak: the published service under a bounded mixed load from wrk, with its authority stopped for the middle
// third and started again. Exits non-zero when a 5xx other than the outage's 503s, a socket error, no recovery or
// steady memory growth is seen.
var service = Argument("--service") ?? throw new ArgumentException("--service <the published service: AccountApi, native, or AccountApi.dll> is required");
var duration = int.Parse(Argument("--duration") ?? "60", CultureInfo.InvariantCulture);
var authorityPort = LoopbackPorts.Free();

using var authority = new TestAuthority($"http://127.0.0.1:{authorityPort}/");
await using var loopback = new LoopbackAuthority(authority, authorityPort);
await loopback.StartAsync();
var script = Path.Combine(Path.GetTempPath(), $"accountapi-soak-{Environment.ProcessId}.lua");
var revoked = LoadMix.WriteScript(authority, script);

using var api = ServiceProcess.Start(service, new Dictionary<string, string>(LoadMix.ServiceSettings) { ["AzureAd__Instance"] = authority.Instance });
var serviceUrl = api.Url;
using var http = new HttpClient { BaseAddress = new Uri(serviceUrl), Timeout = TimeSpan.FromSeconds(10) };
await ServiceProcess.WaitForAsync(async () => (await http.GetAsync("/health/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(60), "the service to be ready");
// One user signs out everywhere before the load: that user's token in the mix is refused from now on.
using (var signOut = new HttpRequestMessage(HttpMethod.Post, "/account/me/sessions/revoke"))
{
    signOut.Headers.Authorization = new("Bearer", revoked);
    signOut.Headers.Add(AccountApiHeaders.TenantId, "contoso");
    var answer = await http.SendAsync(signOut);
    if (answer.StatusCode != HttpStatusCode.NoContent)
    {
        throw new InvalidOperationException($"Revoking the soak's revoked user answered {(int)answer.StatusCode}.");
    }
}

var memory = new List<(string When, long Kilobytes)> { ("start", api.ResidentKilobytes()) };

Console.WriteLine($"soak: {duration} s of wrk -t1 -c16 against {serviceUrl}/account/me; the authority stops for the middle third");
using var wrk = Process.Start(new ProcessStartInfo("wrk", ["-t1", "-c16", $"-d{duration}s", "--timeout", "10s", "-s", script, $"{serviceUrl}/account/me"])
{
    RedirectStandardOutput = true,
})!;
var wrkOutput = wrk.StandardOutput.ReadToEndAsync();

await Task.Delay(TimeSpan.FromSeconds(duration / 3.0));
await loopback.StopAsync();
Console.WriteLine("soak: authority stopped");
await Task.Delay(TimeSpan.FromSeconds(duration / 3.0));
memory.Add(("middle", api.ResidentKilobytes()));
await loopback.StartAsync();
Console.WriteLine("soak: authority started again");
var restarted = Stopwatch.StartNew();

await wrk.WaitForExitAsync();
memory.Add(("end", api.ResidentKilobytes()));
var output = await wrkOutput;
Console.WriteLine(output);

// Recovery: a token under a key the service has not seen needs the authority; it must be accepted within a minute.
var fresh = authority.UserToken(TestDirectories.Contoso, LoadMix.ApiClientId).Build();
await ServiceProcess.WaitForAsync(async () =>
{
    using var request = new HttpRequestMessage(HttpMethod.Get, "/account/me");
    request.Headers.Authorization = new("Bearer", fresh);
    request.Headers.Add(AccountApiHeaders.TenantId, "contoso");
    return (await http.SendAsync(request)).StatusCode == HttpStatusCode.OK;
}, TimeSpan.FromMinutes(1), "a request to succeed after the authority came back");
Console.WriteLine($"soak: a token under a key never seen before was accepted; the authority had been back {restarted.Elapsed.TotalSeconds:0.0} s");
api.Dispose();

var counts = Regex.Match(output, @"SOAK (.*)").Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
    .Select(pair => pair.Split('=')).ToDictionary(pair => pair[0], pair => long.Parse(pair[1], CultureInfo.InvariantCulture));
Console.WriteLine("soak: resident memory " + string.Join(", ", memory.Select(m => $"{m.When} {m.Kilobytes / 1024} MB")));

var failures = new List<string>();
if (counts.Count == 0)
{
    failures.Add("wrk printed no counts");
}
else
{
    if (counts["5xx"] > 0)
    {
        failures.Add($"{counts["5xx"]} responses were 5xx other than 503");
    }

    if (counts["connect"] + counts["read"] + counts["write"] + counts["timeout"] > 0)
    {
        failures.Add("socket errors or timeouts");
    }

    if (counts["2xx"] == 0 || counts["403"] == 0 || counts["429"] == 0)
    {
        failures.Add("no accepted, refused or rate-limited requests: the mix did not run");
    }
}

// No steady growth: the end may not exceed the larger of start and middle by half again.
if (memory[2].Kilobytes > Math.Max(memory[0].Kilobytes, memory[1].Kilobytes) * 3 / 2)
{
    failures.Add("resident memory kept growing");
}

Console.WriteLine(failures.Count == 0 ? "soak: passed" : "soak: FAILED: " + string.Join("; ", failures));
return failures.Count == 0 ? 0 : 1;

string? Argument(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
