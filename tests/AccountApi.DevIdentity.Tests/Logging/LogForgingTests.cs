using AccountApi.DevIdentity.Tests.Infrastructure;

namespace AccountApi.DevIdentity.Tests.Logging;

/// <summary>Client-supplied values reach the logs without CR, LF or other control characters, so they cannot forge lines.</summary>
public sealed class LogForgingTests
{
    [Fact]
    public async Task TokenRequest_WithNewlinesInGrantType_LogsNoNewline()
    {
        await using var host = await DevIdentityTestHost.StartAsync();
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials\r\nforged",
            ["client_id"] = DevData.DaemonClientId,
        };

        using var response = await host.Client.TokenAsync(form, tenant: "not-a-tenant");

        Assert.Equal("invalid_request", (await response.ReadJsonAsync()).Error());
        var logs = host.Logs.GetSnapshot();
        var refusal = Assert.Single(logs, e => e.Id.Id == 21);
        Assert.Contains("forged", refusal.Message, StringComparison.Ordinal);
        Assert.All(logs, e => Assert.False(e.Message.AsSpan().ContainsAny('\r', '\n'), $"log line with a newline: {e.Message}"));
    }

    [Fact]
    public async Task AuthorizeRequest_WithNewlinesInClientId_LogsNoNewline()
    {
        await using var host = await DevIdentityTestHost.StartAsync();
        var query = ProviderRequests.CliAuthorize();
        query["client_id"] = "unknown\r\n2026-01-01 info: forged";

        using var response = await host.Client.AuthorizeAsync(query);

        var logs = host.Logs.GetSnapshot();
        var refusal = Assert.Single(logs, e => e.Id.Id == 10);
        Assert.Contains("forged", refusal.Message, StringComparison.Ordinal);
        Assert.All(logs, e => Assert.False(e.Message.AsSpan().ContainsAny('\r', '\n'), $"log line with a newline: {e.Message}"));
    }
}
