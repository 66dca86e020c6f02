namespace AccountApi.BrowserTests;

/// <summary>
/// A test that drives the system's Chromium. On a developer machine without Chromium it is skipped with the command
/// that installs it; under CI (<c>CI=true</c>, where <c>.ci/run</c> installs Chromium) it always runs.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public class ChromiumFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ChromiumPath) && !ContinuousIntegration.IsRunning)
        {
            Skip = $"Chromium is not installed at {ChromiumPath}: run 'apt-get install chromium' (CI installs it).";
        }
    }
}
