using AccountApi.DevIdentity.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccountApi.DevIdentity.Signing;

/// <summary>
/// Holds the signing keys: loaded from <see cref="DevIdentityOptions.SigningKeyPath"/> on first use (the start-up
/// service touches it), created there when absent, rotated on request.
/// </summary>
internal sealed class SigningKeyStore(
    IOptions<DevIdentityOptions> options, ILogger<SigningKeyStore> logger) : IDevSigningKeys
{
    private readonly Lock _gate = new();
    private readonly string _path = options.Value.SigningKeyPath;
    private volatile SigningKeySet? _keys;

    public SigningKeySet Keys => _keys ?? LoadOrCreate();

    public string CurrentKeyId => Keys.Current.KeyId;

    public string? PreviousKeyId => Keys.Previous?.KeyId;

    public Task<string> RotateAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var current = Keys.Current;
            var rotated = new SigningKeySet(SigningKey.Create(), current);
            SigningKeyFile.Write(_path, rotated);
            _keys = rotated;
            logger.SigningKeyRotated(rotated.Current.KeyId, current.KeyId);
            return Task.FromResult(rotated.Current.KeyId);
        }
    }

    private SigningKeySet LoadOrCreate()
    {
        lock (_gate)
        {
            if (_keys is { } loaded)
            {
                return loaded;
            }

            // Earlier versions kept the keys as JSON (private JWKs), by default in a .json file beside today's .pem.
            // That format is not read: the file is removed and a new key created, so no stale private key stays behind.
            var legacyPath = _path == DevIdentityOptions.DefaultSigningKeyPath ? Path.ChangeExtension(_path, ".json") : _path;
            var legacy = SigningKeyFile.IsLegacyFormat(legacyPath);
            if (legacy)
            {
                File.Delete(legacyPath);
            }

            var keys = SigningKeyFile.Read(_path);
            if (keys is null)
            {
                keys = new SigningKeySet(SigningKey.Create(), null);
                SigningKeyFile.Write(_path, keys);
                logger.SigningKeyCreated(keys.Current.KeyId, _path);
            }
            else
            {
                if (SigningKeyFile.RestrictToOwner(_path) is { } widerMode)
                {
                    logger.SigningKeyFileModeTightened(_path, Convert.ToString((int)widerMode, 8).PadLeft(4, '0'));
                }

                logger.SigningKeyLoaded(keys.Current.KeyId, _path);
            }

            if (legacy)
            {
                logger.LegacySigningKeyFileReplaced(legacyPath, keys.Current.KeyId);
            }

            _keys = keys;
            return keys;
        }
    }
}
