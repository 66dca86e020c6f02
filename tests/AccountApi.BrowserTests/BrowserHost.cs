using System.Security.Cryptography;
using Microsoft.Playwright;

namespace AccountApi.BrowserTests;

/// <summary>
/// The development host on real ports, the sample single-page app on a port of its own (registered as a redirect URI
/// of the SPA client and allowed by the API's CORS), and the system's Chromium. Chromium trusts the provider's
/// certificate by its public key only (<c>--ignore-certificate-errors-spki-list</c>), not every certificate.
/// </summary>
public class BrowserHost : DevHostFixture
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The sample app's origin, e.g. <c>http://localhost:41236</c>; its page is at <c>/spa</c>.</summary>
    public string SpaBase { get; } = $"http://localhost:{LoopbackPorts.Free()}";

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(
        $"Chromium is required at {ChromiumFactAttribute.ChromiumPath}: run 'apt-get install chromium'.");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (!File.Exists(ChromiumFactAttribute.ChromiumPath))
        {
            return;
        }

        var publicKeyPin = Convert.ToBase64String(SHA256.HashData(Host.Trust.Certificate.PublicKey.ExportSubjectPublicKeyInfo()));
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.ChromiumPath,
            Headless = true,
            // This machine has no network but loopback: keep Chromium from calling home.
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", $"--ignore-certificate-errors-spki-list={publicKeyPin}",
            ],
        });
    }

    protected override void AddSettings(Dictionary<string, string> settings, int apiPort, int providerPort)
    {
        settings["DevIdentity:Clients:account-spa:RedirectUris:1"] = $"{SpaBase}/spa";
        settings["Cors:AllowedOrigins:0"] = SpaBase;
    }

    public override async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}
