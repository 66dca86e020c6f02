using Microsoft.Extensions.Options;

namespace AccountApi.TokenCache;

internal sealed class TokenCacheOptionsValidator : IValidateOptions<TokenCacheOptions>
{
    public const int MostEntries = 1_000_000;
    public const int MostMegabytes = 4_096;

    public ValidateOptionsResult Validate(string? name, TokenCacheOptions options)
    {
        var failures = new List<string>();
        if (options.MaxEntries is < 1 or > MostEntries)
        {
            failures.Add($"TokenCache:MaxEntries '{options.MaxEntries}' must be between 1 and {MostEntries}.");
        }

        if (options.MaxMegabytes is < 1 or > MostMegabytes)
        {
            failures.Add($"TokenCache:MaxMegabytes '{options.MaxMegabytes}' must be between 1 and {MostMegabytes}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
