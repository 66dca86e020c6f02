namespace AccountApi.DevIdentity;

/// <summary>
/// The development identity provider's RSA signing keys. Resolve it from DI to rotate the key, e.g. in tests that
/// check the API follows a key rollover.
/// </summary>
public interface IDevSigningKeys
{
    /// <summary>The <c>kid</c> of the key that signs new tokens.</summary>
    string CurrentKeyId { get; }

    /// <summary>The <c>kid</c> of the key used before the last rotation (still published), if any.</summary>
    string? PreviousKeyId { get; }

    /// <summary>
    /// Creates a new current key, keeps the current one published as the previous key, drops any older key and
    /// persists the result to <see cref="DevIdentityOptions.SigningKeyPath"/>.
    /// </summary>
    /// <returns>The <c>kid</c> of the new current key.</returns>
    Task<string> RotateAsync(CancellationToken cancellationToken = default);
}
