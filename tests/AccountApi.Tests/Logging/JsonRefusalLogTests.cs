using System.Text.Json;
using AccountApi.Logging;
using AccountApi.Testing;
using AccountApi.Tests.Infrastructure;

namespace AccountApi.Tests.Logging;

/// <summary>Outside Development the service logs one JSON object per line, and a refusal's line says why and for which tenancy.</summary>
public sealed class JsonRefusalLogTests
{
    [Fact]
    public async Task Refusal_InProduction_IsOneJsonLineWithReasonTenancyAndTraceId()
    {
        using var service = await RunningService.StartAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["AzureAd__ClientId"] = AccountApiFactory.ApiClientId,
            ["Tenancies__contoso__DirectoryIds__0"] = AccountApiFactory.ContosoDirectory.ToString(),
        });
        using var client = new HttpClient { BaseAddress = service.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/me") { Headers = { { AccountApiHeaders.TenantId, "contoso" } } };

        using var response = await client.SendAsync(request);
        var problem = await ProblemAssert.RefusedAsync(response, "missing_token");
        var line = await service.WaitForLineAsync(json => json.GetProperty("EventId").GetInt32() == EventIds.RequestRefused);

        Assert.Equal("Information", line.GetProperty("LogLevel").GetString());
        Assert.Equal("AccountApi.Refusals.RefusalResultHandler", line.GetProperty("Category").GetString());
        var state = line.GetProperty("State");
        Assert.Equal("missing_token", state.GetProperty("Reason").GetString());
        Assert.Equal("contoso", state.GetProperty("Tenancy").GetString());
        // The request's scope carries the W3C trace id, the same one the problem document's traceId holds.
        var traceId = line.GetProperty("Scopes").EnumerateArray()
            .Where(scope => scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty("TraceId", out _))
            .Select(scope => scope.GetProperty("TraceId").GetString()!)
            .Single();
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        Assert.Contains(traceId, problem.GetProperty("traceId").GetString(), StringComparison.Ordinal);
    }
}
