namespace AccountApi.DevIdentity.Tests.Infrastructure;

/// <summary>A fact about Unix file modes: reported as skipped (never silently passed) on Windows.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class UnixOnlyFactAttribute : FactAttribute
{
    public UnixOnlyFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix file modes do not exist on Windows.";
        }
    }
}
