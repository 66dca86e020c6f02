using Microsoft.IdentityModel.Tokens;

namespace AccountApi.Authentication;

/// <summary>A token that validated but was withdrawn before its expiry; classified apart from malformed or forged tokens.</summary>
internal sealed class TokenRevokedException(string message) : SecurityTokenException(message);
