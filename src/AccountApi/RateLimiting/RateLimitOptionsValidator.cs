using Microsoft.Extensions.Options;

namespace AccountApi.RateLimiting;

/// <summary>Checks the <c>RateLimits</c> section at start and names the key to fix.</summary>
internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    private static readonly TimeSpan s_shortestWindow = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_longestWindow = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var failures = new List<string>();
        Check(nameof(RateLimitOptions.PerAddress), options.PerAddress);
        Check(nameof(RateLimitOptions.PerNetwork), options.PerNetwork);
        Check(nameof(RateLimitOptions.PerCaller), options.PerCaller);
        Check(nameof(RateLimitOptions.PerOperator), options.PerOperator);
        Check(nameof(RateLimitOptions.PerTenancy), options.PerTenancy);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Check(string tier, RateLimitWindow window)
        {
            var key = $"{RateLimitOptions.SectionName}:{tier}";
            if (window.PermitLimit < 1)
            {
                failures.Add($"{key}:PermitLimit must be a whole number of requests, at least 1 (was {window.PermitLimit}).");
            }

            if (window.Window < s_shortestWindow || window.Window > s_longestWindow)
            {
                failures.Add($"{key}:Window must be a time span from 00:00:01 to 1.00:00:00, e.g. 00:01:00 (was {window.Window}).");
            }
        }
    }
}
