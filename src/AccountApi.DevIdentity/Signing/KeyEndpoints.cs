using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AccountApi.DevIdentity.Signing;

/// <summary><c>POST {prefix}/keys/rotate</c>: lets tests and developers roll the signing key over.</summary>
internal static class KeyEndpoints
{
    public static void MapKeyEndpoints(this IEndpointRouteBuilder group) =>
        group.MapPost("/keys/rotate", RotateAsync).WithName("DevIdentityRotateSigningKey");

    private static async Task<Ok<RotationResponse>> RotateAsync(SigningKeyStore keys, CancellationToken cancellationToken)
    {
        var keyId = await keys.RotateAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new RotationResponse(keyId, keys.PreviousKeyId));
    }

    internal sealed record RotationResponse(
        [property: JsonPropertyName("kid")] string KeyId,
        [property: JsonPropertyName("previous_kid")] string? PreviousKeyId);
}
