using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AccountApi.DevIdentity.Authorize;

/// <summary>
/// A refused authorize request. Without <see cref="RedirectUri"/> the client or redirect could not be trusted and
/// the error is shown as a page; otherwise it is sent back to the client (RFC 6749 §4.1.2.1) in
/// <see cref="ResponseMode"/>. <see cref="Code"/> is Entra's AADSTS number for the same refusal, when it has one.
/// </summary>
internal sealed record AuthorizeError(
    string Error,
    string Description,
    string? RedirectUri = null,
    string? State = null,
    string ResponseMode = OpenIdConnectResponseMode.Query,
    int? Code = null);
