using System.Text;
using System.Text.RegularExpressions;

namespace AccountApi.Tests.Documentation;

/// <summary>
/// Reads the first <c>bash</c> block after a marker in the README: <c>NAME=value</c> assignments and <c>curl</c> commands
/// (lines continued with a backslash), as a shell would split them.
/// </summary>
public static partial class CurlWalkthrough
{
    private static readonly string[] s_formOptions = ["-d", "--data", "--data-urlencode", "--data-raw", "-F", "--form"];

    public static IReadOnlyList<DocumentedRequest> Parse(string readme, string marker)
    {
        var section = readme[readme.IndexOf(marker, StringComparison.Ordinal)..];
        var block = section[(section.IndexOf("```bash\n", StringComparison.Ordinal) + 8)..];
        block = block[..block.IndexOf("```", StringComparison.Ordinal)];

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var requests = new List<DocumentedRequest>();
        foreach (var line in block.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()))
        {
            if (Assignment().Match(line) is { Success: true } assignment)
            {
                variables[assignment.Groups[1].Value] = Expand(assignment.Groups[2].Value, variables);
            }
            else if (line.StartsWith("curl ", StringComparison.Ordinal))
            {
                requests.Add(Curl(Words(line).Select(word => Expand(word, variables)).ToList()));
            }
        }

        return requests;
    }

    private static DocumentedRequest Curl(List<string> words)
    {
        string? method = null, url = null;
        var formNames = new List<string>();
        for (var i = 1; i < words.Count; i++)
        {
            if (words[i] is "-X" or "--request")
            {
                method = words[++i];
            }
            else if (s_formOptions.Contains(words[i]))
            {
                formNames.Add(words[++i].Split('=')[0]);
            }
            else if (words[i] is "-H" or "--header" or "-o" or "-w" or "--json")
            {
                i++;
            }
            else if (url is null && words[i].StartsWith("http", StringComparison.Ordinal))
            {
                url = words[i];
            }
        }

        return DocumentedRequest.From(method ?? (formNames.Count > 0 ? "POST" : "GET"), url!, formNames);
    }

    // A shell's word splitting, enough for the README: single and double quotes, no escapes inside them.
    private static IEnumerable<string> Words(string line)
    {
        var word = new StringBuilder();
        char? quote = null;
        foreach (var c in line + " ")
        {
            if (quote is not null && c == quote)
            {
                quote = null;
            }
            else if (quote is not null)
            {
                word.Append(c);
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }
            }
            else
            {
                word.Append(c);
            }
        }
    }

    private static string Expand(string value, Dictionary<string, string> variables) =>
        Reference().Replace(value, match => variables.GetValueOrDefault(match.Groups[1].Value + match.Groups[2].Value, match.Value));

    [GeneratedRegex(@"^([A-Z_][A-Z0-9_]*)=(\S+)$")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Reference();
}
