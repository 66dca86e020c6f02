using System.Globalization;
using System.Text;
using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Protocol;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace AccountApi.DevIdentity.Authorize;

/// <summary>
/// The development sign-in page: one button per user the tenant allows, posting the original request back with an
/// antiforgery token. Every echoed value is HTML-encoded.
/// </summary>
internal static class SignInPage
{
    public const string UserNameField = "username";
    public const string ActionField = "action";
    public const string CancelAction = "cancel";

    public static IResult Create(
        AuthorizeRequest request, IEnumerable<DevUser> users, AntiforgeryTokenSet antiforgery, string formAction, ScopeParser scopes)
    {
        var nonce = SecureTokens.Create(16);
        var body = new StringBuilder();
        body.Append(
            CultureInfo.InvariantCulture,
            $"""
            <p>Application <strong>{HtmlLayout.Encode(request.Client.Name)}</strong> asks for
            <strong>{HtmlLayout.Encode(scopes.Format(request.Scopes))}</strong>.</p>
            <p class="note">Development identity provider: choose a test user. No password is asked.</p>
            <form method="post" action="{HtmlLayout.Encode(formAction)}">
            <input type="hidden" name="{HtmlLayout.Encode(antiforgery.FormFieldName)}" value="{HtmlLayout.Encode(antiforgery.RequestToken)}">
            """);
        foreach (var (name, value) in request.FormFields())
        {
            body.Append(CultureInfo.InvariantCulture, $"""<input type="hidden" name="{HtmlLayout.Encode(name)}" value="{HtmlLayout.Encode(value)}">""").Append('\n');
        }

        foreach (var directory in users.GroupBy(u => u.Directory))
        {
            body.Append(CultureInfo.InvariantCulture, $"<fieldset><legend>{HtmlLayout.Encode(directory.Key.DisplayName)}</legend>\n");
            foreach (var user in directory)
            {
                var selected = string.Equals(user.UserName, request.LoginHint, StringComparison.OrdinalIgnoreCase) ? " autofocus" : "";
                body.Append(
                    CultureInfo.InvariantCulture,
                    $"""<button type="submit" name="{UserNameField}" value="{HtmlLayout.Encode(user.UserName)}"{selected}>{HtmlLayout.Encode(user.DisplayName)} &lt;{HtmlLayout.Encode(user.UserName)}&gt;</button>""")
                    .Append('\n');
            }

            body.Append("</fieldset>\n");
        }

        body.Append(CultureInfo.InvariantCulture, $"""<button type="submit" class="cancel" name="{ActionField}" value="{CancelAction}">Cancel</button>""").Append("\n</form>");
        return new HtmlPageResult(
            HtmlLayout.Page("Sign in", nonce, body.ToString()), StatusCodes.Status200OK, nonce, $"'self' {HtmlPageResult.OriginOf(request.RedirectUri)}");
    }
}
