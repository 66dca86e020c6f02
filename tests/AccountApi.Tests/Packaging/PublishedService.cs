using System.Diagnostics;

namespace AccountApi.Tests.Packaging;

/// <summary>
/// <c>dotnet publish src/AccountApi -c Release -p:PublishAot=true</c>: the native build, the fast-start option,
/// published once for every test of the collection.
/// </summary>
public sealed class PublishedService() : PublishedBuild(native: true)
{
    public const string Collection = "Published service";

    /// <summary>The native executable.</summary>
    public string Executable => Path.Combine(Directory, OperatingSystem.IsWindows() ? "AccountApi.exe" : "AccountApi");
}

/// <summary>
/// <c>dotnet publish src/AccountApi -c Release</c>: what ships by default, the framework-dependent ReadyToRun build,
/// published once for every test of the collection.
/// </summary>
public sealed class DefaultPublishedService() : PublishedBuild(native: false)
{
    // One collection with the native build: two publishes of one project at once would share its obj/ folder.
    public const string Collection = PublishedService.Collection;

    /// <summary>The application, run as <c>dotnet AccountApi.dll</c>.</summary>
    public string Dll => Path.Combine(Directory, "AccountApi.dll");
}

public abstract class PublishedBuild(bool native) : IAsyncLifetime
{
    // xunit initializes a collection's fixtures at once, and two publishes of one project share its obj/ folder (the
    // ReadyToRun compiler crashed reading an assembly the native publish was rewriting): one at a time.
    private static readonly SemaphoreSlim s_publishing = new(1, 1);

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("accountapi-publish-").FullName;

    public async Task InitializeAsync()
    {
        if (NativeToolchain.SkipReason is not null)
        {
            return;
        }

        var repository = Repository.Root;
        var project = Path.Combine(repository, "src", "AccountApi", "AccountApi.csproj");
        // The solution build has restored it; publishing must not rewrite the assets other test processes read.
        string[] arguments = ["publish", project, "-c", "Release", "-o", Directory, "--no-restore", "-nologo", .. native ? (string[])["-p:PublishAot=true"] : []];
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repository,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        await s_publishing.WaitAsync();
        try
        {
            await PublishAsync(start);
        }
        finally
        {
            s_publishing.Release();
        }
    }

    private static async Task PublishAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // The native compiler takes one to two minutes alone on two cores; the other test projects share them.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"dotnet publish failed: {await output}{await error}");
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(PublishedService.Collection)]
public sealed class PublishedServiceGroup : ICollectionFixture<PublishedService>, ICollectionFixture<DefaultPublishedService>;
