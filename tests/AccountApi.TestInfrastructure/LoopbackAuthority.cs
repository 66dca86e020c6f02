using AccountApi.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace AccountApi.TestInfrastructure;

/// <summary>
/// The test kit's in-memory authority served over loopback http on a fixed port, so that it can be stopped (an
/// outage: connection refused) and started again on the same address while the service runs.
/// </summary>
public sealed class LoopbackAuthority(TestAuthority authority, int port) : IAsyncDisposable
{
    private WebApplication? _app;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _app = builder.Build();
        _app.MapGet("/{**path}", async (HttpContext context, string path) =>
        {
            using var metadata = new HttpMessageInvoker(authority.Handler, disposeHandler: false);
            using var response = await metadata.SendAsync(new HttpRequestMessage(HttpMethod.Get, authority.Instance + path), context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = "application/json";
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        });
        await _app.StartAsync();
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
