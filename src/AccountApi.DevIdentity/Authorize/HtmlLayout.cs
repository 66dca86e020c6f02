using System.Text.Encodings.Web;

namespace AccountApi.DevIdentity.Authorize;

/// <summary>The shared frame of the provider's pages: no scripts, no external assets, one nonce-tagged style.</summary>
internal static class HtmlLayout
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}" +
        "h1{font-size:1.4rem}.note{color:#555}.error{color:#a4262c}" +
        "button{display:block;width:100%;margin:.4rem 0;padding:.6rem;text-align:left;font-size:1rem;cursor:pointer}" +
        "button.cancel{text-align:center;background:#eee}fieldset{border:1px solid #ccc;margin:1rem 0}";

    public static string Page(string title, string styleNonce, string body) =>
        $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>{Encode(title)}</title>
        <style nonce="{Encode(styleNonce)}">{Style}</style>
        </head>
        <body>
        <h1>{Encode(title)}</h1>
        {body}
        </body>
        </html>
        """;

    public static string Encode(string? value) => HtmlEncoder.Default.Encode(value ?? "");
}
