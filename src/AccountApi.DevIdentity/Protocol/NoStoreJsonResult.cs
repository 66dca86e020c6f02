using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AccountApi.DevIdentity.Protocol;

/// <summary>
/// Writes a protocol JSON body with the provider's own serializer settings and, as RFC 6749 §5.1 requires for
/// anything carrying tokens, <c>Cache-Control: no-store</c> and <c>Pragma: no-cache</c>.
/// </summary>
internal sealed class NoStoreJsonResult<T>(T body, int statusCode, bool basicChallenge = false) : IResult
{
    public T Body { get; } = body;

    public int StatusCode { get; } = statusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        if (basicChallenge)
        {
            response.Headers.WWWAuthenticate = "Basic realm=\"dev-idp\", charset=\"UTF-8\"";
        }

        response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(response.Body, Body, ProtocolJson.Options, httpContext.RequestAborted);
    }
}
