using AccountApi.DevIdentity.Protocol;

namespace AccountApi.DevIdentity.Grants;

/// <summary>
/// The outcome of presenting a code. <see cref="Family"/> is the new grant when redeemed, or the grant the first
/// use created when the code is reused.
/// </summary>
internal sealed record CodeRedemption(
    CodeRedemptionStatus Status, AuthorizationCodeGrant? Grant = null, GrantFamily? Family = null, OAuthError? Error = null);
