using System.Globalization;
using System.Text;
using AccountApi.DevIdentity.Protocol;
using Microsoft.AspNetCore.Http;

namespace AccountApi.DevIdentity.Authorize;

/// <summary>
/// <c>response_mode=form_post</c> (OAuth 2.0 Form Post Response Mode): a page whose one nonce'd script posts the
/// result to the redirect URI, with a button under <c>&lt;noscript&gt;</c>. Every value is HTML-encoded, and the
/// page may post nowhere but to the redirect URI's origin.
/// </summary>
internal static class FormPostPage
{
    public static IResult Create(string redirectUri, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var nonce = SecureTokens.Create(16);
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"""<form method="post" action="{HtmlLayout.Encode(redirectUri)}">""").Append('\n');
        foreach (var (name, value) in parameters)
        {
            body.Append(CultureInfo.InvariantCulture, $"""<input type="hidden" name="{HtmlLayout.Encode(name)}" value="{HtmlLayout.Encode(value)}">""").Append('\n');
        }

        body.Append("<noscript><p class=\"note\">Script is off: continue by hand.</p><button type=\"submit\">Continue</button></noscript>\n</form>\n");
        body.Append(CultureInfo.InvariantCulture, $"""<script nonce="{nonce}">document.forms[0].submit();</script>""");
        return new HtmlPageResult(
            HtmlLayout.Page("Returning to the application", nonce, body.ToString()),
            StatusCodes.Status200OK,
            nonce,
            HtmlPageResult.OriginOf(redirectUri),
            runsScript: true);
    }
}
