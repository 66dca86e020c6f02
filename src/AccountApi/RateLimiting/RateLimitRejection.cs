using System.Globalization;
using System.Threading.RateLimiting;
using AccountApi.Refusals;
using Microsoft.AspNetCore.RateLimiting;

namespace AccountApi.RateLimiting;

/// <summary>The answer over any limit: 429, <c>Retry-After</c>, and the problem document with <c>error: "rate_limited"</c>.</summary>
internal sealed class RateLimitRejection(ILogger<RateLimitRejection> logger)
{
    public Task WriteAsync(OnRejectedContext rejected, string tier, string partition)
    {
        var context = rejected.HttpContext;
        // A fixed window reports when it opens again; whole seconds, rounded up, so a client that obeys is admitted.
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var headers = context.Response.Headers;
        headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        headers.CacheControl = "no-store";

        RateLimitLog.Rejected(logger, tier, partition);
        return ProblemDocuments.For(context, RefusalReasons.RateLimited).ExecuteAsync(context);
    }
}
