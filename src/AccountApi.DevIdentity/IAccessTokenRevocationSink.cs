namespace AccountApi.DevIdentity;

/// <summary>
/// Receives the ids (<c>uti</c> claims) of access tokens the development identity provider has revoked, so the API
/// can refuse them until they expire. The host registers the implementation; the provider does not.
/// </summary>
public interface IAccessTokenRevocationSink
{
    /// <summary>Records that the access token whose <c>uti</c> is <paramref name="tokenId"/> is revoked.</summary>
    /// <param name="tokenId">The token's <c>uti</c> claim.</param>
    /// <param name="expiresAt">When the token expires anyway; the revocation need not be kept longer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
