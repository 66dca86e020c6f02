namespace AccountApi.DevIdentity.Authorize;

/// <summary>
/// A refused authorize request. Without <see cref="RedirectUri"/> the client or redirect could not be trusted and
/// the error is shown as a page; otherwise it is sent back to the client (RFC 6749 §4.1.2.1).
/// </summary>
internal sealed record AuthorizeError(string Error, string Description, string? RedirectUri = null, string? State = null);
