using System.Diagnostics;
using System.Globalization;
using System.Net;
using AccountApi.Bench;
using AccountApi.TestInfrastructure;
using AccountApi.Testing;

// bench/run: the published service against a plain minimal API (the baseline) under wrk, in alternating rounds, with
// a table against the goals of issues 10 and 19 and the figures as JSON. Exits non-zero when a round had errors.
// --report-only: render the last results into docs/performance.md without measuring anything.
if (args.Contains("--report-only"))
{
    PerformanceDoc.Update(Argument("--out") ?? "bench/results/latest.json", "docs/performance.md");
    return 0;
}

var service = Argument("--service") ?? throw new ArgumentException("--service <the published service: AccountApi, native, or AccountApi.dll> is required");
var baseline = Argument("--baseline") ?? throw new ArgumentException("--baseline <published Baseline.dll> is required");
var output = Argument("--out") ?? "bench/results/latest.json";
// --peer: bench/IdentityWebPeer published (Microsoft.Identity.Web's documented API), measured under the same traffic.
var peerApp = Argument("--peer");
var quick = args.Contains("--quick");
var rounds = int.Parse(Argument("--rounds") ?? "2", CultureInfo.InvariantCulture);
var duration = TimeSpan.FromSeconds(int.Parse(Argument("--seconds") ?? (quick ? "2" : "8"), CultureInfo.InvariantCulture));
// --slices N: each round runs every scenario N times for duration/N (below); by default slices of 2 s.
var slices = int.Parse(Argument("--slices") ?? Math.Max(1, (int)(duration.TotalSeconds / 2)).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
// --only warm,cold: those scenarios (and the baseline) alone, e.g. to attach a profiler to the service (its pid is printed).
var only = Argument("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
// --warm-up S: seconds of warm-up per scenario of the service. Under load on 2 cores the default build keeps compiling
// its hot methods again (tiered compilation, profile-guided) for seconds after a 3 s warm-up, and a variant with loops
// compiled fully at once (DOTNET_TC_QuickJitForLoops=0) ran 7% more requests/s in the round right after it: that round
// measured the compiler's backlog, not the service.
var warmUp = TimeSpan.FromSeconds(int.Parse(Argument("--warm-up") ?? (quick ? "2" : "6"), CultureInfo.InvariantCulture));
// Three times what the validated-token cache remembers by default, so that every cold request is a miss, --quick too.
var coldTokens = 30_000;
// Issue 19's figure: the registry (SQLite) holds this many tenancies before the scale service starts on it.
var tenancies = int.Parse(Argument("--tenancies") ?? "1000000", CultureInfo.InvariantCulture);
var scaleStartBudget = TimeSpan.FromSeconds(int.Parse(Argument("--scale-start-budget") ?? "120", CultureInfo.InvariantCulture));
var work = Directory.CreateTempSubdirectory("accountapi-bench-").FullName;

var authorityPort = LoopbackPorts.Free();
using var authority = new TestAuthority($"http://127.0.0.1:{authorityPort}/");
await using var loopback = new LoopbackAuthority(authority, authorityPort);
await loopback.StartAsync();

// --startup-only [--passes N] [--load-seconds S] [--also NAME=PATH[;VARIABLE=VALUE...] ...]: start-up and memory
// alone, the service against variants of it and the baseline (StartupProbe.cs).
if (args.Contains("--startup-only"))
{
    var apps = Variants().Prepend(new("service", service)).Append(new("baseline", baseline)).ToList();
    var exit = await StartupProbe.RunAsync(authority, work, apps, int.Parse(Argument("--passes") ?? "3", CultureInfo.InvariantCulture),
        TimeSpan.FromSeconds(int.Parse(Argument("--load-seconds") ?? "5", CultureInfo.InvariantCulture)));
    Directory.Delete(work, recursive: true);
    return exit;
}

var minting = Stopwatch.StartNew();
var mix = new TokenMix(authority, work);
var (probeToken, probeTenancy) = mix.Probe();
var warmFile = mix.Warm();
var coldFile = only is null || only.Contains("cold") ? mix.Cold(coldTokens) : warmFile;
var refusedFile = mix.Refused();
var largeFile = mix.Large(out var largeTokenBytes);
Console.WriteLine($"bench: minted tokens in {minting.Elapsed.TotalSeconds:0.0} s ({coldTokens:N0} cold tokens, large token {largeTokenBytes:N0} bytes)");

var settings = TokenMix.ServiceSettings(authority.Instance);
// --service-env VARIABLE=VALUE (repeatable): runtime settings of the measured service alone (and its 100,000-tenancy
// copy), e.g. DOTNET_gcServer=0; the variants and the baseline keep theirs.
var serviceSettings = new Dictionary<string, string>(settings);
foreach (var (variable, value) in args.Select((a, i) => (a, i)).Where(p => p.a == "--service-env" && p.i + 1 < args.Length)
             .Select(p => args[p.i + 1].Split('=', 2) is [var v, var x] ? (v, x) : throw new ArgumentException($"--service-env {args[p.i + 1]}: expected VARIABLE=VALUE")))
{
    serviceSettings[variable] = value;
}
var scaleSettings = new Dictionary<string, string>(serviceSettings) { ["TenancyRegistry__Sqlite"] = Path.Combine(work, "scale.db") };
string? scaleSkipped = only is null || only.Contains("scale-tenancies") ? null : "not selected by --only";
double? importSeconds = null;
if (scaleSkipped is null)
{
    importSeconds = await RegistryScale.FillAsync(service, authority, scaleSettings, work, tenancies);
    Console.WriteLine($"bench: {tenancies:N0} tenancies imported through POST /admin/tenancies/import in {importSeconds:0.0} s");
}

// Start-up: from process start to the first authorized 200 (discovery and keys fetched on the way).
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
var started = Stopwatch.StartNew();
using var api = ServiceProcess.Start(service, serviceSettings);
await ServiceProcess.WaitForAsync(() => AuthorizedAsync(api.Url), TimeSpan.FromSeconds(60), "the service's first authorized 200", TimeSpan.FromMilliseconds(5));
var startSeconds = started.Elapsed.TotalSeconds;
await Task.Delay(TimeSpan.FromSeconds(2));
var idleMegabytes = api.ResidentKilobytes() / 1024.0;
Console.WriteLine($"bench: start → first authorized 200 {startSeconds:0.00} s; idle resident memory {idleMegabytes:0} MB");

using var warmApi = ServiceProcess.Start(service, serviceSettings, name: "warm");
await ServiceProcess.WaitForAsync(() => AuthorizedAsync(warmApi.Url), TimeSpan.FromSeconds(60), "the service's copy for warm traffic");
using var plain = ServiceProcess.Start(baseline, new Dictionary<string, string>(), name: "baseline");
await ServiceProcess.WaitForAsync(() => AuthorizedAsync(plain.Url), TimeSpan.FromSeconds(60), "the baseline");
using var peer = peerApp is null ? null : ServiceProcess.Start(peerApp, new Dictionary<string, string>
{
    ["AzureAd__Instance"] = authority.Instance,
    ["AzureAd__TenantId"] = "organizations",
    ["AzureAd__ClientId"] = TokenMix.ApiClientId,
    ["Logging__LogLevel__Default"] = "Warning",
}, name: "peer");
if (peer is not null)
{
    await ServiceProcess.WaitForAsync(() => AuthorizedAsync(peer.Url), TimeSpan.FromSeconds(60), "the Identity.Web peer");
}
// Start-up on the registry is a goal of the fast-start build (the native variant, --also native=...), as start-up with
// 3 tenancies is: timed first, alone, then stopped. The default build's start on it is timed below and shown beside.
double? scaleFastStartSeconds = null;
if (scaleSkipped is null && Variants().FirstOrDefault(variant => variant.Name == "native") is { } fastStart)
{
    var fastStarted = Stopwatch.StartNew();
    using var native = ServiceProcess.Start(fastStart.Dll, scaleSettings, name: "scale-native");
    await ServiceProcess.WaitForAsync(() => AuthorizedAsync(native.Url), scaleStartBudget, $"the native build with {tenancies:N0} tenancies", TimeSpan.FromMilliseconds(5));
    scaleFastStartSeconds = fastStarted.Elapsed.TotalSeconds;
    Console.WriteLine($"bench: the native build on a registry of {tenancies:N0} tenancies answered its first authorized 200 after {scaleFastStartSeconds:0.00} s");
}

var scaleStarted = Stopwatch.StartNew();
using var scale = scaleSkipped is null ? ServiceProcess.Start(service, scaleSettings, name: "scale") : null;
double? scaleStartSeconds = null;
double? bytesPerTenancy = null;
try
{
    if (scale is null)
    {
        throw new TimeoutException(scaleSkipped);
    }

    await ServiceProcess.WaitForAsync(() => AuthorizedAsync(scale.Url), scaleStartBudget, $"the service with {tenancies:N0} tenancies", TimeSpan.FromMilliseconds(5));
    scaleStartSeconds = scaleStarted.Elapsed.TotalSeconds;
    // Over the 3-tenancy service idle after its first request, as this one is once loaded.
    bytesPerTenancy = (await RegistryScale.LoadedResidentKilobytesAsync(scale) - idleMegabytes * 1024) * 1024 / tenancies;
    Console.WriteLine($"bench: the service on a registry of {tenancies:N0} tenancies answered its first authorized 200 after {scaleStartSeconds:0.00} s; loaded, it holds {bytesPerTenancy:0} bytes a tenancy more than with 3");
}
catch (TimeoutException)
{
    scaleSkipped ??= $"the service with {tenancies:N0} tenancies gave no authorized 200 within {scaleStartBudget.TotalSeconds:0} s of starting";
    Console.WriteLine($"bench: scale-tenancies skipped: {scaleSkipped}");
    scale?.Dispose();
}

// --also NAME=PATH[;VARIABLE=VALUE...]: variants of the service (another build, other settings) under the warm traffic
// in the same rounds, so that a change is compared with the service side by side rather than across noisy runs.
// --also-traffic cold: the variants get the cold traffic instead; with a copy of the service itself as the variant,
// what two identical processes differ by on first uses (the noise under the cold goal).
var variantsCold = Argument("--also-traffic") == "cold";
var variants = new Dictionary<string, ServiceProcess>();
var variantStartSeconds = new Dictionary<string, double>();
foreach (var variant in Variants())
{
    var variantSettings = new Dictionary<string, string>(settings);
    foreach (var (key, value) in variant.Environment ?? new Dictionary<string, string>())
    {
        variantSettings[key] = value;
    }

    var variantStarted = Stopwatch.StartNew();
    var process = ServiceProcess.Start(variant.Dll, variantSettings, name: variant.Name);
    variants["warm@" + variant.Name] = process;
    await ServiceProcess.WaitForAsync(() => AuthorizedAsync(process.Url), TimeSpan.FromSeconds(60), $"the variant {variant.Name}", TimeSpan.FromMilliseconds(5));
    variantStartSeconds[variant.Name] = variantStarted.Elapsed.TotalSeconds;
    Console.WriteLine($"bench: the variant {variant.Name}: start → first authorized 200 {variantStartSeconds[variant.Name]:0.00} s");
}

Scenario[] scenarios =
[
    new("baseline", Target.Baseline, warmFile, true, "plain minimal API, same JSON shape, no authentication"),
    new("warm", Target.WarmService, warmFile, true, $"{TokenMix.WarmUsers:N0} users' tokens reused, 3 tenancies"),
    new("cold", Target.Service, coldFile, true, $"a new token per request, cycle of {coldTokens:N0} tokens"),
    new("refused", Target.Service, refusedFile, false, "tampered (published kid, bad signature), unknown kid, malformed"),
    new("scale-tenancies", Target.ScaleService, warmFile, true, $"warm traffic, {tenancies:N0} tenancies in the registry"),
    new("large-token", Target.Service, largeFile, true, $"warm traffic, {largeTokenBytes:N0}-byte tokens with 580 xms_cc claims"),
    .. variants.Keys.Select(name => variantsCold
        ? new Scenario(name, Target.Variant, coldFile, true, $"cold traffic, the variant {name[5..]} (--also, --also-traffic cold)")
        : new Scenario(name, Target.Variant, warmFile, true, $"warm traffic, the variant {name[5..]} (--also)")),
    .. peer is null ? (Scenario[])[] :
    [
        new("peer-warm", Target.Peer, warmFile, true, "warm traffic against Microsoft.Identity.Web's documented API (AddMicrosoftIdentityWebApi + RequireScope)"),
        new("peer-cold", Target.Peer, coldFile, true, "cold traffic against the Identity.Web peer"),
        new("peer-refused", Target.Peer, refusedFile, false, "refused traffic against the Identity.Web peer"),
    ],
];
ServiceProcess TargetOf(Scenario scenario) => scenario.Target switch
{
    Target.Baseline => plain,
    Target.Service => api,
    Target.WarmService => warmApi,
    Target.Variant => variants[scenario.Name],
    Target.Peer => peer!,
    _ => scale!,
};

Console.WriteLine($"bench: warming up ({warmUp.TotalSeconds:0} s per scenario of the service; every other process as long in all)");
scenarios = [.. scenarios.Where(s => (s.Target != Target.ScaleService || scaleSkipped is null)
    && (only is null || s.Target is Target.Baseline or Target.Variant || only.Contains(s.Name) || (s.Target == Target.Peer && only.Contains(s.Name[5..]))))];
Console.WriteLine($"bench: service pid {api.ProcessId}; its copy for warm traffic: pid {warmApi.ProcessId}");
// Every process is warmed for as long in all as the service is over its scenarios, so that one serving a single
// scenario (the baseline, the registry's copy, a variant) is not measured while its code is still being tiered up.
var processWarmUp = warmUp * Math.Max(1, scenarios.Count(s => s.Target is Target.Service or Target.WarmService));
foreach (var scenario in scenarios)
{
    var target = TargetOf(scenario);
    await Wrk.RunAsync(target.Url, scenario.RequestsFile, processWarmUp / scenarios.Count(s => TargetOf(s) == target));
}

var measurements = new List<Measurement>();
for (var round = 1; round <= rounds; round++)
{
    // A round is cut into slices, each of which runs every scenario in turn for its share of the duration, and a
    // scenario's figures for the round are its slices' together: the baseline is measured within seconds of the
    // service, so that a shared machine's drift (here, rounds of one build moved by up to 25%) hits both alike.
    var runs = scenarios.ToDictionary(scenario => scenario, _ => new List<WrkResult>());
    var cpu = scenarios.ToDictionary(scenario => scenario, _ => 0.0);
    for (var slice = 0; slice < slices; slice++)
    {
        foreach (var scenario in scenarios)
        {
            var target = TargetOf(scenario);
            var cpuBefore = target.CpuSeconds();
            runs[scenario].Add(await Wrk.RunAsync(target.Url, scenario.RequestsFile, duration / slices));
            cpu[scenario] += target.CpuSeconds() - cpuBefore;
        }
    }

    double? baselineRate = null;
    foreach (var scenario in scenarios)
    {
        var result = Wrk.Merge(runs[scenario]);
        var cpuMicroseconds = cpu[scenario] * 1e6 / Math.Max(result.Requests, 1);
        baselineRate ??= result.RequestsPerSecond;
        var measurement = new Measurement(round, scenario.Name, result.RequestsPerSecond, result.RequestsPerSecond / baselineRate.Value,
            result.P50Ms, result.P99Ms, result.P999Ms, result.Requests, result.Non2xx, result.SocketErrors,
            TargetOf(scenario).ResidentKilobytes() / 1024.0, cpuMicroseconds, scenario.Error(result));
        measurements.Add(measurement);
        Report.PrintProgress(measurement);
    }
}

var goals = Goals.Judge(measurements, startSeconds, variantStartSeconds.TryGetValue("native", out var nativeStart) ? nativeStart : null,
    new(tenancies, scaleStartSeconds, scaleFastStartSeconds, bytesPerTenancy, scaleSkipped));
Report.Print(scenarios, measurements, goals, startSeconds, idleMegabytes, coldTokens);
Report.WriteJson(output, scenarios, measurements, goals, new(startSeconds, idleMegabytes, tenancies, importSeconds, scaleStartSeconds, scaleFastStartSeconds, bytesPerTenancy, scaleSkipped, coldTokens), quick, duration, slices);
PerformanceDoc.Update(output, "docs/performance.md");
Console.WriteLine($"bench: figures written to {output}");
foreach (var variant in variants.Values)
{
    variant.Dispose();
}

Directory.Delete(work, recursive: true);
return measurements.Any(m => m.Error is not null) ? 1 : 0;

async Task<bool> AuthorizedAsync(string url)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, $"{url}/account/me");
    request.Headers.Authorization = new("Bearer", probeToken);
    request.Headers.Add(AccountApiHeaders.TenantId, probeTenancy);
    using var response = await http.SendAsync(request);
    return response.StatusCode == HttpStatusCode.OK;
}

// Every --also NAME=PATH[;VARIABLE=VALUE...]: variants of the service.
IEnumerable<StartupProbe.App> Variants() =>
    args.Select((a, i) => (a, i)).Where(p => p.a == "--also" && p.i + 1 < args.Length).Select(p => StartupProbe.Variant(args[p.i + 1]));

// The last occurrence wins: bench/run passes its defaults (--out) before the caller's arguments.
string? Argument(string name) => Array.LastIndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
