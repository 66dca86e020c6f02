using System.Collections.Frozen;
using System.Text.Json;

namespace AccountApi.Tenancy;

/// <summary>The metric tag value of each <see cref="TenancyResolution"/>.</summary>
internal static class TenancyResolutionNames
{
    // snake_case like the refusal reasons: "not_evaluated", "missing", …; named once, not on every request.
    private static readonly FrozenDictionary<TenancyResolution, string> s_names = Enum.GetValues<TenancyResolution>()
        .ToFrozenDictionary(outcome => outcome, outcome => JsonNamingPolicy.SnakeCaseLower.ConvertName(outcome.ToString()));

    public static string Of(TenancyResolution outcome) => s_names[outcome];
}
