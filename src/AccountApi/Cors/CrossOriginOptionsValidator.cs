using Microsoft.Extensions.Options;

namespace AccountApi.Cors;

/// <summary>
/// Each allowed origin must be exactly what a browser sends in <c>Origin</c> (CORS compares strings), so a trailing
/// slash, a path or a wildcard is refused at start rather than silently never matching, or matching everyone. Plain
/// http is for a development server on the same machine only: any other http origin is one whose pages a network
/// attacker can rewrite, and whose script would then call the API with the user's tokens.
/// </summary>
internal sealed class CrossOriginOptionsValidator : IValidateOptions<CrossOriginOptions>
{
    public ValidateOptionsResult Validate(string? name, CrossOriginOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.AllowedOrigins.Count; i++)
        {
            var origin = options.AllowedOrigins[i];
            var key = $"{CrossOriginOptions.SectionName}:AllowedOrigins:{i}";
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"{key} is '{origin}'; write an http(s) origin such as https://app.contoso.example (wildcards are not accepted).");
                continue;
            }

            if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
            {
                failures.Add($"{key} is '{origin}'; only a loopback origin (localhost, 127.0.0.1, [::1]) may use http: write https://{uri.Authority}.");
                continue;
            }

            var canonical = uri.GetLeftPart(UriPartial.Authority);
            if (!string.Equals(origin, canonical, StringComparison.Ordinal))
            {
                failures.Add($"{key} is '{origin}'; browsers send the origin as '{canonical}' (scheme, lower-case host, port; no path or trailing slash): write that.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
