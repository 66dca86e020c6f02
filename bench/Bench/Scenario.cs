namespace AccountApi.Bench;

/// <summary>Which process a scenario loads.</summary>
internal enum Target
{
    Baseline,
    // The warm traffic's own copy of the service: interleaved with first uses, refusals and 8 KB tokens in one process,
    // warm slices measured the cache refilling after each of them (about 45-58 µs a request against 30 on a copy of its own).
    WarmService,
    Service,
    ScaleService,
    // A variant of the service given with --also, under the warm traffic, for A/B comparisons in the same rounds.
    Variant,
    // Microsoft.Identity.Web's documented web API (bench/IdentityWebPeer): what the library alone costs.
    Peer,
}

/// <summary>One kind of traffic measured in every round.</summary>
/// <param name="Name">Short name shown in the table and the JSON.</param>
/// <param name="Target">The process under load.</param>
/// <param name="RequestsFile">The requests, one "tenancy token" per line, sent round-robin.</param>
/// <param name="ExpectAccepted">True: every answer must be 2xx; false: every answer must be 401 or 403.</param>
/// <param name="Description">What it is, for the README and the JSON.</param>
internal sealed record Scenario(string Name, Target Target, string RequestsFile, bool ExpectAccepted, string Description)
{
    /// <summary>Why a run does not count, or null: a 403 in a warm round is an error, not a slow request.</summary>
    public string? Error(WrkResult result)
    {
        if (result.SocketErrors > 0)
        {
            return $"{result.SocketErrors} socket errors";
        }

        if (ExpectAccepted && result.Non2xx > 0)
        {
            return $"{result.Non2xx} non-2xx answers (401: {result.Status401}, 403: {result.Status403}, other: {result.StatusOther})";
        }

        return !ExpectAccepted && (result.Status2xx > 0 || result.StatusOther > 0)
            ? $"{result.Status2xx} accepted and {result.StatusOther} answers other than 401/403"
            : null;
    }
}

/// <summary>A scenario's figures in one round.</summary>
internal sealed record Measurement(
    int Round,
    string Scenario,
    double RequestsPerSecond,
    double RatioToBaseline,
    double P50Ms,
    double P99Ms,
    double P999Ms,
    long Requests,
    long Non2xx,
    long SocketErrors,
    double ResidentMegabytes,
    // The server's CPU time (user + system) per request: steadier than requests/s when wrk and other work share the cores.
    double CpuMicrosecondsPerRequest,
    string? Error);
