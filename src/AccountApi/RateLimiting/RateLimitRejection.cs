using System.Globalization;
using AccountApi.Refusals;

namespace AccountApi.RateLimiting;

/// <summary>The answer over any limit: 429, <c>Retry-After</c>, and the problem document with <c>error: "rate_limited"</c>.</summary>
internal sealed class RateLimitRejection(ILogger<RateLimitRejection> logger)
{
    public Task WriteAsync(HttpContext context, RateLimitRefusal refused)
    {
        // When the window opens again, in whole seconds rounded up, so a client that obeys is admitted.
        var headers = context.Response.Headers;
        headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(refused.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        headers.CacheControl = "no-store";

        if (logger.IsEnabled(LogLevel.Information))
        {
            var partition = RateLimitPartitions.Describe(context, refused.Tier);
            RateLimitLog.Rejected(logger, refused.Tier, partition);
        }
        return ProblemDocuments.For(context, RefusalReasons.RateLimited).ExecuteAsync(context);
    }
}
