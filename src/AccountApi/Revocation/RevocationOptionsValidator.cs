using Microsoft.Extensions.Options;

namespace AccountApi.Revocation;

internal sealed class RevocationOptionsValidator : IValidateOptions<RevocationOptions>
{
    private static readonly TimeSpan s_shortest = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan s_longest = TimeSpan.FromDays(2);
    private static readonly TimeSpan s_tightestStaleness = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_loosestStaleness = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, RevocationOptions options)
    {
        var failures = new List<string>();
        if (options.MaxTokenLifetime < s_shortest || options.MaxTokenLifetime > s_longest)
        {
            failures.Add($"Revocation:MaxTokenLifetime '{options.MaxTokenLifetime}' must be between {s_shortest} and {s_longest:d\\.hh\\:mm\\:ss}: "
                + "the longest lifetime of an access token this API accepts (Entra's default is 60-90 minutes).");
        }

        if (options.MaxStaleness < s_tightestStaleness || options.MaxStaleness > s_loosestStaleness)
        {
            failures.Add($"Revocation:MaxStaleness '{options.MaxStaleness}' must be between {s_tightestStaleness} and {s_loosestStaleness}: "
                + "how long an instance cut off from Redis keeps serving before it answers 503 (default 00:00:05).");
        }

        if (options.MaxEntries is < 1_000 or > 10_000_000)
        {
            failures.Add($"Revocation:MaxEntries '{options.MaxEntries}' must be between 1000 and 10000000: the most revocations held at once (default 1000000).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
