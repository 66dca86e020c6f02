namespace AccountApi.TestInfrastructure;

/// <summary>Whether the tests run under CI (<c>CI=true</c>, as .ci/run and every CI service set it).</summary>
public static class ContinuousIntegration
{
    /// <summary>Under CI a missing prerequisite (a browser, a native toolchain) fails its tests instead of skipping them.</summary>
    public static bool IsRunning { get; } = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
