using System.Net;
using System.Text.Json;

namespace AccountApi.Tests.Infrastructure;

/// <summary>Asserts the shape every refusal shares: a 403 RFC 9457 problem document with a reason.</summary>
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

    /// <summary>The raw <c>WWW-Authenticate</c> value, or null when there is none.</summary>
    public static string? Challenge(HttpResponseMessage response) =>
        response.Headers.TryGetValues("WWW-Authenticate", out var values) ? string.Join(", ", values) : null;
}
