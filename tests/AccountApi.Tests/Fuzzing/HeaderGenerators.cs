using System.Text;
using CsCheck;

namespace AccountApi.Tests.Fuzzing;

/// <summary>Header values an attacker or a broken client sends: noise, confusables, controls, very long values, repeats.</summary>
internal static class HeaderGenerators
{
    // Look like a permitted tenancy to a person, not to an ordinal comparison: Cyrillic о and с, the long s (which
    // upper-cases to S), the Kelvin sign (which lower-cases to k), fullwidth letters, zero-width and bidi characters.
    private static readonly string[] s_confusableTenancies =
    [
        "c\u043Entoso", "\u0441ontoso", "conto\u017Fo", "\u212Aontoso", "\uFF43\uFF4F\uFF4E\uFF54\uFF4F\uFF53\uFF4F",
        "contoso\u200B", "\u202Econtoso", "contoso\u0000", " contoso", "contoso ", "contoso,fabrikam", "contoso;fabrikam",
        "cont\u00F6so", "fabr\u0456kam",
    ];

    private static readonly string[] s_tenancies = ["contoso", "CONTOSO", "Contoso", "fabrikam", "partners", "northwind", "globex", ""];

    /// <summary>Anything: any UTF-16 code unit (lone surrogates included), printable ASCII, Latin-1 bytes, controls, or a long run.</summary>
    public static readonly Gen<string> Noise = Gen.Frequency<string>(
        (3, Gen.Char.Array[0, 60].Select(chars => new string(chars))),
        (3, Gen.Char[' ', '~'].Array[0, 60].Select(chars => new string(chars))),
        (2, Gen.Byte.Array[0, 80].Select(bytes => Encoding.Latin1.GetString(bytes))),
        (1, Gen.Char['\0', '\u001F'].Array[1, 8].Select(chars => new string(chars))),
        (1, Gen.Int[1_000, 70_000].Select(length => new string('A', length))));

    public static readonly Gen<string> Tenancy = Gen.Frequency<string>(
        (3, Gen.OneOf(s_tenancies)),
        (3, Gen.OneOf(s_confusableTenancies)),
        (3, Noise));

    /// <summary>An <c>Authorization</c> value around <paramref name="token"/>: as is, damaged, behind a confusable scheme, or noise.</summary>
    public static Gen<string> Authorization(string token) => Gen.Frequency<string>(
        (3, Gen.Const("Bearer " + token)),
        (1, Gen.Const("bearer " + token)),
        (2, Gen.Select(Gen.Int[0, token.Length - 1], Gen.Char, (at, c) => "Bearer " + token[..at] + c + token[(at + 1)..])),
        (1, Gen.Int[0, token.Length].Select(length => "Bearer " + token[..length])),
        (1, Gen.Const("\u0412\u0435\u0430rer " + token)),
        (1, Noise.Select(tail => "Bearer " + token + tail)),
        (1, Noise.Select(noise => "Bearer " + noise)),
        (2, Noise));

    /// <summary>None, one (most often) or two values of a header: a repeated header is a case of its own.</summary>
    public static Gen<string[]> Repeated(Gen<string> value) => Gen.Frequency<string[]>(
        (1, Gen.Const(Array.Empty<string>())),
        (8, value.Select(one => new[] { one })),
        (1, value.Array[2]));

    /// <summary>Prints a case for a failure message: escaped, and long values shortened.</summary>
    public static string Describe(IEnumerable<string> values) =>
        "[" + string.Join(", ", values.Select(value =>
            (value.Length > 120 ? value[..120] + $"…({value.Length} chars)" : value)
                .Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString())
                .Aggregate(new StringBuilder("\""), (text, part) => text.Append(part)).Append('"').ToString())) + "]";
}
