namespace AccountApi.DevIdentity.Tests.Infrastructure;

/// <summary>Temporary folders for signing key files, never inside the repository.</summary>
internal static class TempFolder
{
    public static string Create()
    {
        var path = Path.Combine(Path.GetTempPath(), "accountapi-devidp-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static void Delete(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
