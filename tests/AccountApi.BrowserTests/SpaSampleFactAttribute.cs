namespace AccountApi.BrowserTests;

/// <summary>
/// A test that drives the sample single-page app in Chromium: it also needs the sample's npm packages
/// (<c>npm ci</c> in <c>samples/spa</c>). Outside CI it is skipped with that command when they are missing.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SpaSampleFactAttribute : ChromiumFactAttribute
{
    public SpaSampleFactAttribute()
    {
        if (Skip is null && !ContinuousIntegration.IsRunning && !File.Exists(SpaSampleServer.MsalBrowserPath))
        {
            Skip = $"MSAL Browser is not installed for the sample: run 'npm ci' in {SpaSampleServer.SamplePath} (CI does).";
        }
    }
}
