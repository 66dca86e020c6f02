using System.Text;
using Microsoft.AspNetCore.Http;

namespace AccountApi.DevIdentity.Authorize;

/// <summary>
/// Writes one of the provider's HTML pages with headers that keep it out of caches and frames and let it load
/// nothing but its own inline style and, for the form_post page, its one script (both by nonce), and post nowhere
/// but to <paramref name="formAction"/>.
/// </summary>
internal sealed class HtmlPageResult(string html, int statusCode, string nonce, string formAction = "'self'", bool runsScript = false)
    : IResult
{
    /// <summary>The CSP source for a redirect URI's origin (custom schemes of native apps by scheme).</summary>
    public static string OriginOf(string redirectUri)
    {
        var uri = new Uri(redirectUri);
        return uri.Scheme is "http" or "https" ? uri.GetLeftPart(UriPartial.Authority) : uri.Scheme + ":";
    }

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
        var script = runsScript ? $" script-src 'nonce-{nonce}';" : "";
        headers.ContentSecurityPolicy =
            $"default-src 'none'; style-src 'nonce-{nonce}';{script} form-action {formAction}; frame-ancestors 'none'; base-uri 'none'";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(html), httpContext.RequestAborted).ConfigureAwait(false);
    }
}
