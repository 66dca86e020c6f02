namespace AccountApi.DevHost;

// A named class rather than top-level statements: the service already has the global Program that
// WebApplicationFactory<Program> names, and tests reference both assemblies.
internal static class Program
{
    /// <summary>The API on http://localhost:5080 and the development identity provider on https://localhost:5443.</summary>
    public static async Task Main(string[] args)
    {
        await using var host = await DevelopmentHost.StartAsync(args).ConfigureAwait(false);
        await host.WaitForShutdownAsync().ConfigureAwait(false);
    }
}
