using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AccountApi.DevIdentity.Protocol;

/// <summary>
/// Writes a protocol JSON body with the provider's own serializer settings and, as RFC 6749 §5.1 requires for
/// anything carrying tokens, <c>Cache-Control: no-store</c> and <c>Pragma: no-cache</c>.
/// </summary>
internal sealed class NoStoreJsonResult<T>(T body, int statusCode, string? authenticateChallenge = null) : IResult
{
    public T Body { get; } = body;

    public int StatusCode { get; } = statusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        if (authenticateChallenge is not null)
        {
            response.Headers.WWWAuthenticate = authenticateChallenge;
        }

        response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(response.Body, Body, ProtocolJson.Options, httpContext.RequestAborted);
    }
}
