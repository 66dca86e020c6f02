namespace AccountApi.DevIdentity;

/// <summary>
/// Receives the access tokens the development identity provider has revoked (after a refresh, or when a grant is
/// reused), so the API can refuse them until they expire. The host registers the implementation; the provider does not.
/// </summary>
public interface IAccessTokenRevocationSink
{
    /// <summary>Records that the access token with this digest is revoked.</summary>
    /// <param name="tokenDigest">
    /// The base64url SHA-256 of the token as issued (<c>src/Shared/AccessTokenDigest.cs</c>); never the token itself.
    /// </param>
    /// <param name="expiresAt">When the token expires anyway; the revocation need not be kept longer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask RevokeAsync(string tokenDigest, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
