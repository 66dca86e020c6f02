using System.Text;
using System.Text.Json;

namespace AccountApi.Tests.Packaging;

/// <summary>The native build (<c>-p:PublishAot=true</c>): one executable, no assemblies, no runtime to install.</summary>
[Collection(PublishedService.Collection)]
public sealed class NativePublishTests(PublishedService published) : ProductionPublishTests(published.Directory)
{
    [PublishedFact]
    public void PublishOutput_IsOneNativeExecutable()
    {
        var files = Files();

        // No symbols either: they stay in obj/.
        Assert.Contains(Path.GetFileName(published.Executable), files);
        Assert.DoesNotContain(files, f => f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".dbg", StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>The default build: framework-dependent, ReadyToRun, no symbols.</summary>
[Collection(DefaultPublishedService.Collection)]
public sealed class DefaultPublishTests(DefaultPublishedService published) : ProductionPublishTests(published.Directory)
{
    [PublishedFact]
    public void PublishOutput_IsTheFrameworkDependentApplication()
    {
        var files = Files();

        Assert.Contains("AccountApi.dll", files);
        Assert.Contains("AccountApi.runtimeconfig.json", files);
        Assert.DoesNotContain(files, f => f.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase));
        // ReadyToRun: precompiled code in the assembly, so start-up does not wait on the JIT for every method.
        using var stream = File.OpenRead(published.Dll);
        using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
        Assert.True(reader.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0, "AccountApi.dll carries no ReadyToRun code.");
    }
}

/// <summary>
/// What an operator deploys is <c>dotnet publish src/AccountApi -c Release</c> (or its native build). It must not be
/// able to mint tokens, whatever its environment variables say: no identity provider assembly, no development
/// settings, no secrets.
/// </summary>
public abstract class ProductionPublishTests(string output)
{
    // The development data's secrets and names that only the provider or the development host use.
    private static readonly string[] s_developmentMarkers =
        ["dev-cli-secret", "dev-daemon-secret", "AccountApi.DevIdentity", "AccountApi.DevHost", "DevIdentity", "dev-idp"];

    private readonly string _output = output;

    protected List<string> Files() =>
        [.. Directory.GetFiles(_output, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_output, f))];

    [PublishedFact]
    public void PublishOutput_HoldsNoDevelopmentAssemblyOrSettings()
    {
        var files = Files();

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
