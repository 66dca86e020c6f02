namespace AccountApi.TestInfrastructure;

/// <summary>The repository the tests were built from.</summary>
public static class Repository
{
    /// <summary>The folder holding AccountApi.sln, found above the test output.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AccountApi.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("AccountApi.sln not found above " + AppContext.BaseDirectory);
    }
}
