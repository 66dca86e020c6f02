namespace AccountApi.Tests.Packaging;

/// <summary>
/// Publishing the service compiles it with Native AOT, which links with the platform's C toolchain (clang on Linux).
/// On a developer machine without it the tests of the published service are skipped with the command that installs
/// it; under CI (<c>CI=true</c>, where <c>.ci/run</c> installs it) they always run, and fail if it is missing.
/// </summary>
internal static class NativeToolchain
{
    public static string? SkipReason { get; } = Find();

    private static string? Find()
    {
        if (ContinuousIntegration.IsRunning || !OperatingSystem.IsLinux())
        {
            return null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator).Any(folder => File.Exists(Path.Combine(folder, "clang")))
            ? null
            : "Publishing the service (Native AOT) needs clang: run 'apt-get install clang zlib1g-dev' (CI installs it).";
    }
}

/// <summary>A fact about the published (native) service: skipped outside CI when the toolchain is missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PublishedFactAttribute : FactAttribute
{
    public PublishedFactAttribute() => Skip = NativeToolchain.SkipReason;
}

/// <summary>A theory about the published (native) service: skipped outside CI when the toolchain is missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PublishedTheoryAttribute : TheoryAttribute
{
    public PublishedTheoryAttribute() => Skip = NativeToolchain.SkipReason;
}
