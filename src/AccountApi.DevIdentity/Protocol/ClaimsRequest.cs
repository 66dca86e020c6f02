using System.Globalization;
using System.Text.Json;

namespace AccountApi.DevIdentity.Protocol;

/// <summary>
/// The parts of an OpenID Connect <c>claims</c> request parameter (OIDC Core §5.5) the provider honours for access
/// tokens, as Entra does for continuous access evaluation: <c>access_token.nbf</c> (issue a token no older than that,
/// the answer to a resource's claims challenge) and <c>access_token.xms_cc.values</c> (the client's capabilities,
/// which MSAL sends for <c>WithClientCapabilities</c> and the token then carries in <c>xms_cc</c>), and
/// <c>access_token.acrs</c> (<c>value</c> or <c>values</c>: the authentication contexts a resource's step-up challenge
/// asks for, which the token then carries in <c>acrs</c>, as Entra's does once the user has satisfied them; no MFA is
/// emulated).
/// </summary>
internal sealed record ClaimsRequest(DateTimeOffset? NotBefore, IReadOnlyList<string> ClientCapabilities, IReadOnlyList<string> AuthenticationContexts)
{
    public const string ParameterName = "claims";

    /// <summary>How far ahead a requested <c>nbf</c> may be: a token valid later than that would be useless now.</summary>
    private static readonly TimeSpan s_maxAhead = TimeSpan.FromMinutes(5);

    public static ClaimsRequest None { get; } = new(null, [], []);

    /// <summary>The request in <paramref name="json"/>, <see cref="None"/> when absent, or null with an error.</summary>
    public static ClaimsRequest? Parse(string? json, DateTimeOffset now, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(json))
        {
            return None;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("access_token", out var accessToken) || accessToken.ValueKind != JsonValueKind.Object)
            {
                // Requests for id_token or userinfo claims are accepted and ignored, as Entra ignores what it does not emit.
                return None;
            }

            var notBefore = ReadNotBefore(accessToken);
            if (notBefore > now + s_maxAhead)
            {
                error = "claims asks for access_token.nbf more than 5 minutes ahead.";
                return null;
            }

            var contexts = ReadContexts(accessToken);
            if (contexts.FirstOrDefault(context => !IsAuthenticationContext(context)) is { } unknown)
            {
                error = $"claims asks for access_token.acrs '{unknown}', which is not an authentication context id (c1 to c99).";
                return null;
            }

            return new ClaimsRequest(notBefore, ReadCapabilities(accessToken), contexts);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or OverflowException or InvalidOperationException or ArgumentOutOfRangeException)
        {
            error = "claims must be a JSON object as in OpenID Connect Core 5.5, e.g. {\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1700000000\"}}}.";
            return null;
        }
    }

    /// <summary>Both requests at once: the later <c>nbf</c>, every capability.</summary>
    public ClaimsRequest Merge(ClaimsRequest other) => new(
        NotBefore is { } mine && (other.NotBefore is not { } theirs || mine >= theirs) ? mine : other.NotBefore,
        [.. ClientCapabilities.Union(other.ClientCapabilities, StringComparer.Ordinal)],
        [.. AuthenticationContexts.Union(other.AuthenticationContexts, StringComparer.Ordinal)]);

    private static bool IsAuthenticationContext(string value) =>
        value.Length is 2 or 3 && value[0] == 'c' && value.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0 && value[1] != '0';

    // {"acrs": {"essential": true, "value": "c1"}} or {"values": ["c1", "c2"]}.
    private static string[] ReadContexts(JsonElement accessToken)
    {
        if (!accessToken.TryGetProperty("acrs", out var acrs))
        {
            return [];
        }

        if (acrs.TryGetProperty("value", out var value))
        {
            return [value.GetString()!];
        }

        return acrs.TryGetProperty("values", out var values) ? [.. values.EnumerateArray().Select(item => item.GetString()!)] : [];
    }

    // Entra writes the value as a string of Unix seconds; a number is accepted too.
    private static DateTimeOffset? ReadNotBefore(JsonElement accessToken) =>
        accessToken.TryGetProperty("nbf", out var nbf) && nbf.TryGetProperty("value", out var value)
            ? DateTimeOffset.FromUnixTimeSeconds(value.ValueKind == JsonValueKind.String
                ? long.Parse(value.GetString()!, NumberStyles.None, CultureInfo.InvariantCulture)
                : value.GetInt64())
            : null;

    private static string[] ReadCapabilities(JsonElement accessToken) =>
        accessToken.TryGetProperty("xms_cc", out var capabilities) && capabilities.TryGetProperty("values", out var values)
            ? [.. values.EnumerateArray().Select(value => value.GetString()!).Where(value => value.Length > 0)]
            : [];
}
