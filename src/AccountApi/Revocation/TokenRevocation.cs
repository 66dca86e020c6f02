namespace AccountApi.Revocation;

/// <summary>Why a token is refused as revoked.</summary>
/// <param name="Kind">A single-token revocation or a subject cut-off.</param>
/// <param name="IssuedBefore">For a cut-off, the instant before which the subject's tokens are refused; otherwise null.</param>
public sealed record TokenRevocation(TokenRevocationKind Kind, DateTimeOffset? IssuedBefore = null);
