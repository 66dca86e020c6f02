using System.Diagnostics;
using System.Text;
using System.Text.Json;

using AccountApi.Tests.Infrastructure;

namespace AccountApi.Tests.Packaging;

/// <summary>
/// What an operator deploys is <c>dotnet publish src/AccountApi -c Release</c>. It must not be able to mint tokens,
/// whatever its environment variables say: no identity provider assembly, no development settings, no secrets.
/// </summary>
public sealed class ProductionPublishTests(ProductionPublishTests.PublishedService published) : IClassFixture<ProductionPublishTests.PublishedService>
{
    // The development data's secrets and names that only the provider or the development host use.
    private static readonly string[] s_developmentMarkers =
        ["dev-cli-secret", "dev-daemon-secret", "AccountApi.DevIdentity", "AccountApi.DevHost", "DevIdentity", "dev-idp"];

    private readonly string _output = published.Directory;

    [Fact]
    public void PublishOutput_HoldsNoDevelopmentAssemblyOrSettings()
    {
        var files = Directory.GetFiles(_output, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_output, f)).ToList();

        Assert.Contains("AccountApi.dll", files);
        Assert.DoesNotContain(files, f => f.Contains("DevIdentity", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(files, f => f.Contains("DevHost", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["appsettings.json"], files.Where(f => Path.GetFileName(f).StartsWith("appsettings", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void PublishOutput_NoFileMentionsTheProviderOrItsSecrets()
    {
        foreach (var file in Directory.GetFiles(_output, "*", SearchOption.AllDirectories))
        {
            // Latin-1 maps every byte to one char, so markers are found in binaries (assembly names, strings) too.
            var content = File.ReadAllText(file, Encoding.Latin1);
            foreach (var marker in s_developmentMarkers)
            {
                Assert.False(content.Contains(marker, StringComparison.Ordinal), $"{Path.GetRelativePath(_output, file)} contains '{marker}'.");
            }
        }
    }

    [Fact]
    public void PublishedSettings_PointAtEntraIdAndNoLocalAuthority()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "appsettings.json")));

        Assert.False(settings.RootElement.TryGetProperty("DevIdentity", out _));
        Assert.Equal("https://login.microsoftonline.com/", settings.RootElement.GetProperty("AzureAd").GetProperty("Instance").GetString());
    }

    /// <summary>Publishes once for all the tests of this class.</summary>
    public sealed class PublishedService : IAsyncLifetime
    {
        public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("accountapi-publish-").FullName;

        public async Task InitializeAsync()
        {
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
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"dotnet publish failed: {await output}{await error}");
        }

        public Task DisposeAsync()
        {
            System.IO.Directory.Delete(Directory, recursive: true);
            return Task.CompletedTask;
        }
    }
}
