namespace AccountApi.Logging;

internal static class LoggingExtensions
{
    /// <summary>
    /// One JSON object per line outside Development, for log collectors; scopes on, so every line of a request carries
    /// its <c>TraceId</c> and <c>SpanId</c> (the host's activity tracking puts them in a scope). Development keeps the
    /// readable text console.
    /// </summary>
    public static IHostApplicationBuilder AddAccountLogging(this IHostApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true;
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        return builder;
    }
}
