using System.Net;
using System.Text.RegularExpressions;

namespace AccountApi.TestInfrastructure;

/// <summary>
/// Reads the sign-in page (or the form_post page) like a browser would: its hidden fields and the antiforgery
/// cookie, to post it back.
/// </summary>
public sealed partial class SignInForm
{
    private SignInForm(string action, Dictionary<string, string> fields, string? cookie, string html)
    {
        Action = action;
        Fields = fields;
        Cookie = cookie;
        Html = html;
    }

    public string Action { get; }

    public Dictionary<string, string> Fields { get; }

    public string? Cookie { get; }

    public string Html { get; }

    public static async Task<SignInForm> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = response.Headers.TryGetValues("Set-Cookie", out var values) ? string.Join("; ", values.Select(v => v.Split(';')[0])) : null;
        return Parse(await response.Content.ReadAsStringAsync(), cookie);
    }

    /// <summary>The form of a page already read; <paramref name="cookie"/> is what to send back with it, if anything.</summary>
    public static SignInForm Parse(string html, string? cookie = null)
    {
        var fields = HiddenField().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        var action = WebUtility.HtmlDecode(FormAction().Match(html).Groups["action"].Value);
        return new SignInForm(action, fields, cookie, html);
    }

    public async Task<HttpResponseMessage> PostAsync(HttpClient client, Dictionary<string, string> extra, bool withAntiforgery = true)
    {
        var fields = new Dictionary<string, string>(Fields);
        foreach (var (key, value) in extra)
        {
            fields[key] = value;
        }

        if (!withAntiforgery)
        {
            fields.Remove("__RequestVerificationToken");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Action) { Content = new FormUrlEncodedContent(fields) };
        if (withAntiforgery && Cookie is not null)
        {
            request.Headers.Add("Cookie", Cookie);
        }

        return await client.SendAsync(request);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenField();

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]*)\"")]
    private static partial Regex FormAction();
}
