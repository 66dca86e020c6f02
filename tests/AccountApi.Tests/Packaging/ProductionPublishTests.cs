using System.Text;
using System.Text.Json;

namespace AccountApi.Tests.Packaging;

/// <summary>
/// What an operator deploys is <c>dotnet publish src/AccountApi -c Release</c>. It must not be able to mint tokens,
/// whatever its environment variables say: no identity provider assembly, no development settings, no secrets.
/// </summary>
[Collection(PublishedService.Collection)]
public sealed class ProductionPublishTests(PublishedService published)
{
    // The development data's secrets and names that only the provider or the development host use.
    private static readonly string[] s_developmentMarkers =
        ["dev-cli-secret", "dev-daemon-secret", "AccountApi.DevIdentity", "AccountApi.DevHost", "DevIdentity", "dev-idp"];

    private readonly string _output = published.Directory;

    [PublishedFact]
    public void PublishOutput_HoldsNoDevelopmentAssemblyOrSettings()
    {
        var files = Directory.GetFiles(_output, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_output, f)).ToList();

        // One native executable: no assemblies, no runtime to install, no symbols (they stay in obj/).
        Assert.Contains(Path.GetFileName(published.Executable), files);
        Assert.DoesNotContain(files, f => f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".dbg", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(files, f => f.Contains("DevIdentity", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(files, f => f.Contains("DevHost", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["appsettings.json"], files.Where(f => Path.GetFileName(f).StartsWith("appsettings", StringComparison.OrdinalIgnoreCase)));
    }

    [PublishedFact]
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

    [PublishedFact]
    public void PublishedSettings_PointAtEntraIdAndNoLocalAuthority()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "appsettings.json")));

        Assert.False(settings.RootElement.TryGetProperty("DevIdentity", out _));
        Assert.Equal("https://login.microsoftonline.com/", settings.RootElement.GetProperty("AzureAd").GetProperty("Instance").GetString());
    }
}
