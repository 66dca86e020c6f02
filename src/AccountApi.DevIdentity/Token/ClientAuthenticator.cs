using System.Text;
using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AccountApi.DevIdentity.Token;

/// <summary>
/// Authenticates the client at the token endpoint: <c>client_secret_basic</c> (RFC 6749 §2.3.1, URL-decoded),
/// <c>client_secret_post</c>, or <c>none</c> for public clients. Secrets are compared in constant time.
/// </summary>
internal sealed class ClientAuthenticator(DevIdentityCatalog catalog)
{
    public ClientAuthentication Authenticate(HttpRequest request, RequestParameters parameters)
    {
        string? clientId;
        string? secret;
        var usedBasic = false;
        string authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            usedBasic = true;
            if (!TryParseBasic(authorization["Basic ".Length..].Trim(), out clientId, out secret))
            {
                return Fail("The Authorization header is not valid Basic credentials: base64 of url-encoded client_id ':' url-encoded client_secret.", usedBasic, EntraErrorCodes.MalformedRequest);
            }

            if (parameters.Contains(OpenIdConnectParameterNames.ClientSecret))
            {
                return Fail("Send the client secret either in the Authorization header or as client_secret, not both.", usedBasic, EntraErrorCodes.MalformedRequest);
            }

            if (parameters[OpenIdConnectParameterNames.ClientId] is { } formClientId && !string.Equals(formClientId, clientId, StringComparison.OrdinalIgnoreCase))
            {
                return Fail("client_id in the body differs from the one in the Authorization header.", usedBasic, EntraErrorCodes.MalformedRequest);
            }
        }
        else
        {
            clientId = parameters[OpenIdConnectParameterNames.ClientId];
            secret = parameters[OpenIdConnectParameterNames.ClientSecret];
        }

        if (parameters.Contains(OpenIdConnectParameterNames.ClientAssertion))
        {
            return Fail("client_assertion is not supported by the development identity provider; send client_secret.", usedBasic);
        }

        if (clientId is null)
        {
            return ClientAuthentication.Fail(
                OAuthResults.Error(OAuthErrors.InvalidRequest, "client_id is required (in the body, or in a Basic Authorization header).", code: EntraErrorCodes.MissingParameter),
                "client_id missing");
        }

        var client = catalog.FindClient(clientId);
        if (client is null)
        {
            // Entra answers an unknown application with unauthorized_client (AADSTS700016), not invalid_client.
            const string unknown = "The client_id is not a registered client application.";
            return ClientAuthentication.Fail(
                OAuthResults.Error(OAuthErrors.UnauthorizedClient, unknown, code: EntraErrorCodes.ApplicationNotFound), unknown);
        }

        if (client.IsPublic)
        {
            return string.IsNullOrEmpty(secret)
                ? ClientAuthentication.Success(client, usedSecret: false)
                : Fail("The client is public: send only client_id (and PKCE), not a client secret.", usedBasic, EntraErrorCodes.PublicClientSentSecret);
        }

        if (string.IsNullOrEmpty(secret))
        {
            return Fail("The client is confidential: send its client_secret (in the body or with HTTP Basic).", usedBasic, EntraErrorCodes.MissingClientSecret);
        }

        return SecureTokens.SecretEquals(secret, client.Secret!)
            ? ClientAuthentication.Success(client, usedSecret: true)
            : Fail("The client secret is wrong for this client_id.", usedBasic, EntraErrorCodes.InvalidClientSecret);
    }

    private static ClientAuthentication Fail(string description, bool usedBasic, int? code = null) =>
        ClientAuthentication.Fail(OAuthResults.InvalidClient(description, usedBasic, code), description);

    private static bool TryParseBasic(string encoded, out string? clientId, out string? secret)
    {
        clientId = secret = null;
        Span<byte> buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, buffer, out var length))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer[..length]);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        clientId = FormDecode(decoded[..colon]);
        secret = FormDecode(decoded[(colon + 1)..]);
        return clientId.Length > 0;
    }

    // RFC 6749 §2.3.1 encodes both parts with application/x-www-form-urlencoded, where '+' is a space.
    private static string FormDecode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
