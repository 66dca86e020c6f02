using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace AccountApi.ResponseHeaders;

internal static class ResponseHeadersExtensions
{
    /// <summary>Kestrel sends no <c>Server</c> header: naming the server software helps only someone looking for its flaws.</summary>
    public static IHostApplicationBuilder AddResponseHeaders(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<KestrelServerOptions>(static kestrel => kestrel.AddServerHeader = false);
        return builder;
    }

    /// <summary>
    /// <c>X-Content-Type-Options: nosniff</c> on every response. Added as the response starts, so that it survives the
    /// exception handler, which clears the headers of a failed request.
    /// </summary>
    public static IApplicationBuilder UseResponseHeaders(this IApplicationBuilder app) => app.Use(static (context, next) =>
    {
        context.Response.OnStarting(static state =>
        {
            ((HttpResponse)state).Headers.XContentTypeOptions = "nosniff";
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    });
}
