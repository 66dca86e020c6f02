using System.Runtime.Versioning;
using AccountApi.DevIdentity.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AccountApi.DevIdentity.Tests.Signing;

/// <summary>The key file holds private keys: they must never sit in a file that others can read.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class SigningKeyFileTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode WorldReadable = OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    [UnixOnlyFact]
    public async Task CreatingTheKey_OverAStaleWorldReadableTempFile_NeverWritesTheKeyIntoThatFile()
    {
        var folder = TempFolder.Create();
        try
        {
            var path = Path.Combine(folder, "keys.json");
            var stale = path + ".tmp";
            await File.WriteAllTextAsync(stale, "left over from a crash");
            File.SetUnixFileMode(stale, WorldReadable);
            // Stands for another local user who opened the world-readable file before the key was written.
            await using var otherReader = new FileStream(stale, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

            await using (await DevIdentityTestHost.StartAsync(signingKeyPath: path))
            {
            }

            using var reader = new StreamReader(otherReader);
            Assert.DoesNotContain("PRIVATE KEY", await reader.ReadToEndAsync(), StringComparison.Ordinal);
            Assert.False(File.Exists(stale), "the temporary file is renamed into place");
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
            Assert.Contains("PRIVATE KEY", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        }
        finally
        {
            TempFolder.Delete(folder);
        }
    }

    [UnixOnlyFact]
    public async Task LoadingAnExistingKeyFile_ReadableByOthers_TightensItTo0600AndWarns()
    {
        var folder = TempFolder.Create();
        try
        {
            var path = Path.Combine(folder, "keys.json");
            await using (await DevIdentityTestHost.StartAsync(signingKeyPath: path))
            {
            }

            File.SetUnixFileMode(path, WorldReadable);
            IReadOnlyList<FakeLogRecord> logs;

            await using (var host = await DevIdentityTestHost.StartAsync(signingKeyPath: path))
            {
                logs = host.Logs.GetSnapshot();
            }

            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
            var warning = Assert.Single(logs, e => e.Id.Id == 5);
            Assert.Equal(LogLevel.Warning, warning.Level);
            Assert.Contains(path, warning.Message, StringComparison.Ordinal);
        }
        finally
        {
            TempFolder.Delete(folder);
        }
    }
}
