using System.Text.RegularExpressions;

namespace AccountApi.Tests.Documentation;

/// <summary>
/// Reads a <c>.http</c> request file (the format of Visual Studio, Rider and VS Code's REST Client): <c>@name = value</c>
/// variables, requests separated by <c>###</c>, <c>#</c> comments, a request line, headers, a blank line, a body.
/// </summary>
public static partial class RequestFile
{
    public static IReadOnlyList<DocumentedRequest> Parse(string text)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var requests = new List<DocumentedRequest>();
        foreach (var block in Regex.Split(text, "^###.*$", RegexOptions.Multiline))
        {
            string? method = null, url = null;
            var inBody = false;
            var formNames = new List<string>();
            foreach (var raw in block.Split('\n'))
            {
                var line = raw.Trim();
                if (line.StartsWith('#') || line.StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }

                if (Variable().Match(line) is { Success: true } variable)
                {
                    variables[variable.Groups[1].Value] = Expand(variable.Groups[2].Value, variables);
                }
                else if (method is null && RequestLine().Match(line) is { Success: true } request)
                {
                    (method, url) = (request.Groups[1].Value, Expand(request.Groups[2].Value, variables));
                }
                else if (method is not null && line.Length == 0)
                {
                    inBody = true;
                }
                else if (inBody && !line.StartsWith('{'))
                {
                    // A form body's field names; a JSON body is the document itself, as curl's --json sends it.
                    formNames.AddRange(line.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('=')[0]));
                }
            }

            if (method is not null)
            {
                requests.Add(DocumentedRequest.From(method, url!, formNames));
            }
        }

        return requests;
    }

    private static string Expand(string value, Dictionary<string, string> variables) =>
        Reference().Replace(value, match => variables.GetValueOrDefault(match.Groups[1].Value, match.Value));

    [GeneratedRegex(@"^@([A-Za-z0-9_]+)\s*=\s*(.*)$")]
    private static partial Regex Variable();

    [GeneratedRegex(@"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\S+)")]
    private static partial Regex RequestLine();

    [GeneratedRegex(@"\{\{([A-Za-z0-9_]+)\}\}")]
    private static partial Regex Reference();
}
