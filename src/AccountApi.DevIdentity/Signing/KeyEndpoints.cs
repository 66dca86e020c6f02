using System.Text.Json.Serialization;
using AccountApi.DevIdentity.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AccountApi.DevIdentity.Signing;

/// <summary>
/// <c>POST {base}/keys/rotate</c>: lets tests and developers roll the signing key over. The endpoint is anonymous,
/// so it accepts only a JSON body: a page on another site can send a form or bodiless POST without asking, but a
/// JSON one only after a CORS preflight that nothing answers, so no page the developer visits can rotate the key.
/// </summary>
internal static class KeyEndpoints
{
    public static void MapKeyEndpoints(this IEndpointRouteBuilder group) =>
        group.MapPost("/keys/rotate", RotateAsync).WithName("DevIdentityRotateSigningKey");

    private static async Task<IResult> RotateAsync(HttpRequest request, SigningKeyStore keys, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return OAuthResults.Error(
                OAuthErrors.InvalidRequest,
                $"Send the rotation request as JSON so that no web page can send it: curl -X POST {request.PathBase}{request.Path} -H 'Content-Type: application/json' -d '{{}}'.",
                StatusCodes.Status415UnsupportedMediaType);
        }

        var keyId = await keys.RotateAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new RotationResponse(keyId, keys.PreviousKeyId));
    }

    internal sealed record RotationResponse(
        [property: JsonPropertyName("kid")] string KeyId,
        [property: JsonPropertyName("previous_kid")] string? PreviousKeyId);
}
