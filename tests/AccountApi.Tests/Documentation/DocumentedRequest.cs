namespace AccountApi.Tests.Documentation;

/// <summary>One request of a walkthrough, reduced to what two spellings of it must agree on.</summary>
public sealed record DocumentedRequest(string Method, string Path, IReadOnlyList<string> ParameterNames)
{
    /// <summary>The request from its method, its URL after variable expansion, and the names of its form fields.</summary>
    public static DocumentedRequest From(string method, string url, IEnumerable<string> formNames)
    {
        var mark = url.IndexOf('?', StringComparison.Ordinal);
        var query = mark >= 0 ? url[(mark + 1)..] : "";
        var path = new Uri(mark >= 0 ? url[..mark] : url).AbsolutePath;
        var names = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('=')[0]).Concat(formNames);
        return new DocumentedRequest(method, path, [.. names.Order(StringComparer.Ordinal)]);
    }

    public override string ToString() => $"{Method} {Path} ({string.Join(", ", ParameterNames)})";
}
