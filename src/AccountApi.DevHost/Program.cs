using AccountApi.Hosting;

namespace AccountApi.DevHost;

// A named class rather than top-level statements: the service already has the global Program that
// WebApplicationFactory<Program> names, and tests reference both assemblies.
internal static class Program
{
    /// <summary>The API on http://localhost:5080 and the development identity provider on https://localhost:5443.</summary>
    public static async Task<int> Main(string[] args)
    {
        DevelopmentHost host;
        try
        {
            host = await DevelopmentHost.StartAsync(args).ConfigureAwait(false);
        }
        catch (Exception failure) when ((StartupRefusal.Describe(failure) ?? (failure as InvalidOperationException)?.Message) is { } reason)
        {
            // The host's own checks (environment, addresses, certificate) say what to fix in an InvalidOperationException.
            StartupRefusal.Report("AccountApi.DevHost", reason);
            return 1;
        }

        await using (host.ConfigureAwait(false))
        {
            await host.WaitForShutdownAsync().ConfigureAwait(false);
        }

        return 0;
    }
}
