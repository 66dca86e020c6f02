using System.Security.Cryptography;
using System.Text.Json;

namespace AccountApi.DevIdentity.Signing;

/// <summary>
/// Reads and writes the key file: the current key, then the previous one, as PKCS#8 <c>PRIVATE KEY</c> PEM blocks. It
/// holds private keys, so it is written atomically and readable by the owner only (mode 0600 on Unix, in a 0700 folder).
/// </summary>
internal static class SigningKeyFile
{
    private const string PrivateKeyLabel = "PRIVATE KEY";
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerReadWrite | UnixFileMode.UserExecute;
    private const UnixFileMode GroupAndOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Whether the file is in the JSON (private JWK) format of earlier versions, which is no longer read.</summary>
    public static bool IsLegacyFormat(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("keys", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The keys in the file, current first, or null when there is no file.</summary>
    public static SigningKeySet? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var keys = new List<SigningKey>();
            var rest = File.ReadAllText(path).AsSpan();
            while (PemEncoding.TryFind(rest, out var fields))
            {
                if (rest[fields.Label].SequenceEqual(PrivateKeyLabel))
                {
                    keys.Add(SigningKey.FromPem(rest[fields.Location]));
                }

                rest = rest[fields.Location.End..];
            }

            return keys.Count == 0
                ? throw new FormatException($"it holds no {PrivateKeyLabel} PEM block")
                : new SigningKeySet(keys[0], keys.Count > 1 ? keys[1] : null);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"The development identity provider's signing key file '{path}' cannot be read ({ex.Message}). Delete it to create a new key, or point {DevIdentityOptions.SectionName}:SigningKeyPath at another file.",
                ex);
        }
    }

    public static void Write(string path, SigningKeySet keys)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, OwnerOnlyFolder);
            }
        }

        var content = string.Join('\n', keys.Published.Select(k => k.ToPem())) + '\n';
        var temporary = path + ".tmp";
        // A temporary file left by a crash keeps whatever mode it had (and whoever opened it keeps reading it), so
        // it is removed, and the new one is created, never reused, already owner-only: the key is never written
        // into a file that others can read.
        File.Delete(temporary);
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = OwnerReadWrite;
        }

        using (var writer = new StreamWriter(temporary, fileOptions))
        {
            writer.Write(content);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// On Unix, sets an existing key file that group or others may use back to 0600 (an older version of this
    /// provider, a copy or an editor may have widened it). Returns the mode it had when it was tightened, null when
    /// it was already owner-only.
    /// </summary>
    public static UnixFileMode? RestrictToOwner(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupAndOthers) == 0)
        {
            return null;
        }

        try
        {
            File.SetUnixFileMode(path, OwnerReadWrite);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new InvalidOperationException(
                $"The development identity provider's signing key file '{path}' can be read by other users and its mode cannot be changed ({ex.Message}). Run chmod 600 on it, or delete it to create a new key.",
                ex);
        }

        return mode;
    }
}
