using Microsoft.Extensions.Options;

namespace AccountApi.Revocation;

internal sealed class RevocationOptionsValidator : IValidateOptions<RevocationOptions>
{
    private static readonly TimeSpan s_shortest = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan s_longest = TimeSpan.FromDays(2);

    public ValidateOptionsResult Validate(string? name, RevocationOptions options) =>
        options.MaxTokenLifetime >= s_shortest && options.MaxTokenLifetime <= s_longest
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Revocation:MaxTokenLifetime '{options.MaxTokenLifetime}' must be between {s_shortest} and {s_longest:d\\.hh\\:mm\\:ss}: "
                + "the longest lifetime of an access token this API accepts (Entra's default is 60-90 minutes).");
}
