using System.Buffers;

namespace AccountApi.Tenancy;

/// <summary>The syntax of a tenancy name: 1–63 letters, digits and hyphens (a DNS label's alphabet).</summary>
internal static class TenancyName
{
    public const int MaxLength = 63;
    public const string Pattern = "^[A-Za-z0-9-]{1,63}$";

    private static readonly SearchValues<char> s_allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-");

    public static bool IsValid(ReadOnlySpan<char> name) =>
        name.Length is > 0 and <= MaxLength && !name.ContainsAnyExcept(s_allowed);
}
