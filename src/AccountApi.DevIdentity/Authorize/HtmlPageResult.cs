using System.Text;
using Microsoft.AspNetCore.Http;

namespace AccountApi.DevIdentity.Authorize;

/// <summary>
/// Writes one of the provider's HTML pages with headers that keep it out of caches and frames and let it load
/// nothing but its own inline style (by nonce) and post nowhere but back to itself and the client's redirect origin.
/// </summary>
internal sealed class HtmlPageResult(string html, int statusCode, string styleNonce, string? redirectOrigin = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        var headers = response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        var formAction = redirectOrigin is null ? "'self'" : $"'self' {redirectOrigin}";
        headers.ContentSecurityPolicy =
            $"default-src 'none'; style-src 'nonce-{styleNonce}'; form-action {formAction}; frame-ancestors 'none'; base-uri 'none'";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(html), httpContext.RequestAborted).ConfigureAwait(false);
    }
}
