using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace AccountApi.DevIdentity.Protocol;

/// <summary>
/// Reads an <c>application/x-www-form-urlencoded</c> body without model binding (so no antiforgery middleware is
/// required) and turns every malformed body into a null instead of an exception.
/// </summary>
internal static class FormReader
{
    public static async Task<RequestParameters?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            return new RequestParameters(form);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or FormatException or IOException)
        {
            return null;
        }
    }
}
