using System.Diagnostics;

namespace AccountApi.Tests.Packaging;

/// <summary>
/// <c>dotnet publish src/AccountApi -c Release</c>, what an operator deploys (the native build), published once for
/// every test of the collection.
/// </summary>
public sealed class PublishedService : IAsyncLifetime
{
    public const string Collection = "Published service";

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("accountapi-publish-").FullName;

    /// <summary>The native executable.</summary>
    public string Executable => Path.Combine(Directory, OperatingSystem.IsWindows() ? "AccountApi.exe" : "AccountApi");

    public async Task InitializeAsync()
    {
        if (NativeToolchain.SkipReason is not null)
        {
            return;
        }

        var repository = Repository.Root;
        var project = Path.Combine(repository, "src", "AccountApi", "AccountApi.csproj");
        // The solution build has restored it; publishing must not rewrite the assets other test processes read.
        var start = new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-o", Directory, "--no-restore", "-nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repository,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
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
public sealed class PublishedServiceGroup : ICollectionFixture<PublishedService>;
