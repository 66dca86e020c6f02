using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;

namespace AccountApi.DevHost.Certificates;

/// <summary>
/// ASP.NET Core's HTTPS development certificate (the one <c>dotnet dev-certs https</c> manages), created on first use
/// when the current user has none. The identity provider serves it; clients trust its public part.
/// </summary>
public static class DevelopmentCertificate
{
    // The extension dotnet dev-certs marks its certificates with (ASP.NET Core HTTPS development certificate).
    private const string AspNetHttpsOid = "1.3.6.1.4.1.311.84.1.1";
    private static readonly TimeSpan s_creationTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The newest valid development certificate of the current user, with its private key; created with
    /// <c>dotnet dev-certs https</c> (no trust prompt) when there is none. Concurrent first runs (two test projects)
    /// create it once.
    /// </summary>
    public static X509Certificate2 LoadOrCreate()
    {
        if (Find() is { } existing)
        {
            return existing;
        }

        // One lock per machine user, wherever each caller exports the certificate to.
        using (AcquireCreationLock(Path.Combine(Path.GetTempPath(), $"accountapi-dev-certs-{Environment.UserName}.lock")))
        {
            if (Find() is { } createdMeanwhile)
            {
                return createdMeanwhile;
            }

            RunDevCerts();
        }

        return Find() ?? throw new InvalidOperationException(
            "'dotnet dev-certs https' ran but no valid ASP.NET Core development certificate is in the current user's store. Run 'dotnet dev-certs https --check --verbose' to see why, or 'dotnet dev-certs https --clean' and start again.");
    }

    private static X509Certificate2? Find()
    {
        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadOnly);
        var now = DateTime.Now;
        X509Certificate2? newest = null;
        foreach (var certificate in store.Certificates)
        {
            var usable = certificate.Extensions[AspNetHttpsOid] is not null
                && certificate.HasPrivateKey
                && certificate.NotBefore <= now && now < certificate.NotAfter;
            if (usable && (newest is null || certificate.NotAfter > newest.NotAfter))
            {
                newest?.Dispose();
                newest = certificate;
            }
            else
            {
                certificate.Dispose();
            }
        }

        return newest;
    }

    private static void RunDevCerts()
    {
        // The SDK tells child processes where its dotnet is; otherwise the one on PATH.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath ? hostPath : "dotnet";
        var start = new ProcessStartInfo(dotnet, ["dev-certs", "https"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start '{dotnet} dev-certs https'.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(s_creationTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"'dotnet dev-certs https' did not finish within {s_creationTimeout.TotalSeconds:0} s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'dotnet dev-certs https' failed with exit code {process.ExitCode}: {output.Result}{error.Result} Create the certificate by hand with 'dotnet dev-certs https' and start again.");
        }
    }

    private static FileStream AcquireCreationLock(string path)
    {
        var deadline = DateTime.UtcNow + s_creationTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
        }
    }
}
