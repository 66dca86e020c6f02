using Microsoft.Extensions.Primitives;

namespace AccountApi.DevIdentity.Protocol;

/// <summary>
/// The parameters of an OAuth request (query or form). RFC 6749 §3.1 forbids repeating a parameter, so each
/// parameter is read once and repetitions are reported.
/// </summary>
internal sealed class RequestParameters
{
    private readonly Dictionary<string, StringValues> _values;

    public RequestParameters(IEnumerable<KeyValuePair<string, StringValues>> values)
    {
        _values = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            _values[key] = _values.TryGetValue(key, out var existing) ? StringValues.Concat(existing, value) : value;
        }
    }

    public static RequestParameters Empty { get; } = new([]);

    /// <summary>The value of <paramref name="name"/>, or null when it is absent or empty.</summary>
    public string? this[string name] =>
        _values.TryGetValue(name, out var value) && value.Count == 1 && !string.IsNullOrEmpty(value[0]) ? value[0] : null;

    /// <summary>The first of <paramref name="names"/> that appears more than once, if any.</summary>
    public string? FindRepeated(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (_values.TryGetValue(name, out var value) && value.Count > 1)
            {
                return name;
            }
        }

        return null;
    }

    public bool Contains(string name) => this[name] is not null;
}
