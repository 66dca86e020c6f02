namespace AccountApi.DevIdentity.Protocol;

/// <summary>An OAuth refusal: RFC 6749's <c>error</c>, a helpful description and Entra's AADSTS number, if any.</summary>
internal sealed record OAuthError(string Error, string Description, int? Code = null);
