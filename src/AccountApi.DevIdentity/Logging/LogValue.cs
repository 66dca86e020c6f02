using System.Buffers;
using System.Text;

namespace AccountApi.DevIdentity.Logging;

/// <summary>
/// Makes a client-supplied value safe to log: control characters (CR, LF, NUL, ...) and the Unicode line and
/// paragraph separators become '?', so the value cannot end a log line and forge the next, and a long value is cut
/// with an ellipsis. Error descriptions that quote a client value use it too, because they are logged.
/// </summary>
internal static class LogValue
{
    /// <summary>The most characters of a client-supplied value that reach a log.</summary>
    public const int MaxLength = 100;

    private const char Replacement = '?';
    private const char Ellipsis = '…';

    private static readonly SearchValues<char> s_unsafe = SearchValues.Create(
        [.. Enumerable.Range(0x00, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c), '\u2028', '\u2029']);

    public static string Sanitize(string value, int maxLength = MaxLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        var kept = value.AsSpan();
        if (kept.Length > maxLength)
        {
            // Never cut a surrogate pair in half.
            kept = kept[..(char.IsHighSurrogate(kept[maxLength - 1]) ? maxLength - 1 : maxLength)];
        }

        var truncated = kept.Length < value.Length;
        if (!truncated && !kept.ContainsAny(s_unsafe))
        {
            return value;
        }

        var builder = new StringBuilder(kept.Length + 1);
        foreach (var c in kept)
        {
            builder.Append(s_unsafe.Contains(c) ? Replacement : c);
        }

        return truncated ? builder.Append(Ellipsis).ToString() : builder.ToString();
    }
}
