using System.Net;
using System.Text.Json;

namespace AccountApi.TestInfrastructure;

/// <summary>Asserts the shape every refusal shares: an RFC 9457 problem document with a reason (403, or 429 over a rate limit).</summary>
public static class ProblemAssert
{
    public static async Task<JsonElement> RefusedAsync(HttpResponseMessage response, string expectedError)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"Expected 403 {expectedError}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());

        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(expectedError, problem.GetProperty("error").GetString());
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.Equal("Forbidden", problem.GetProperty("title").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("traceId").GetString()));
        // Validation internals stay in the log.
        Assert.DoesNotContain("IDX", body, StringComparison.Ordinal);
        Assert.DoesNotContain("IDW", body, StringComparison.Ordinal);
        return problem;
    }

    /// <summary>Over a rate limit: 429, a problem document with <c>error: "rate_limited"</c>, and a <c>Retry-After</c> in seconds.</summary>
    public static async Task<JsonElement> RateLimitedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, $"Expected 429 rate_limited, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, $"Retry-After in whole seconds, got '{response.Headers.RetryAfter}'");

        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal("rate_limited", problem.GetProperty("error").GetString());
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal("Too Many Requests", problem.GetProperty("title").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("traceId").GetString()));
        return problem;
    }

    /// <summary>The raw <c>WWW-Authenticate</c> value, or null when there is none.</summary>
    public static string? Challenge(HttpResponseMessage response) =>
        response.Headers.TryGetValues("WWW-Authenticate", out var values) ? string.Join(", ", values) : null;
}
