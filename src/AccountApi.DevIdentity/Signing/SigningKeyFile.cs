using System.Security.Cryptography;
using System.Text.Json;

namespace AccountApi.DevIdentity.Signing;

/// <summary>
/// Reads and writes the key file. It holds private keys, so it is written atomically and readable by the owner only
/// (mode 0600 on Unix, in a 0700 folder).
/// </summary>
internal static class SigningKeyFile
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerReadWrite | UnixFileMode.UserExecute;
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>The keys in the file, current first, or null when there is no file.</summary>
    public static SigningKeySet? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var stored = JsonSerializer.Deserialize<StoredSigningKeySet>(File.ReadAllText(path), s_json);
            if (stored?.Keys is not { Count: > 0 } keys)
            {
                throw new FormatException("it holds no keys");
            }

            return new SigningKeySet(SigningKey.FromStored(keys[0]), keys.Count > 1 ? SigningKey.FromStored(keys[1]) : null);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or CryptographicException or ArgumentException)
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

        var content = JsonSerializer.Serialize(new StoredSigningKeySet([.. keys.Published.Select(k => k.Stored)]), s_json);
        var temporary = path + ".tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = OwnerReadWrite;
        }

        using (var writer = new StreamWriter(temporary, fileOptions))
        {
            writer.Write(content);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies only to new files; a stale temporary file keeps its mode, so set it again.
            File.SetUnixFileMode(temporary, OwnerReadWrite);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
