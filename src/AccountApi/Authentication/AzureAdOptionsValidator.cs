using Microsoft.Extensions.Options;

namespace AccountApi.Authentication;

/// <summary>
/// Microsoft.Identity.Web reads its section only when the first request arrives; this checks it at start so that a
/// misconfigured service never starts, and says which key to fix.
/// </summary>
internal sealed class AzureAdOptionsValidator : IValidateOptions<AzureAdOptions>
{
    public ValidateOptionsResult Validate(string? name, AzureAdOptions options)
    {
        var failures = new List<string>();
        const string Section = AzureAdOptions.SectionName;

        if (!Guid.TryParse(options.ClientId, out _))
        {
            failures.Add($"{Section}:ClientId must be the API's application (client) id, a GUID; set it, e.g. {Section}__ClientId=<guid>.");
        }

        if (!Uri.TryCreate(options.Instance, UriKind.Absolute, out var instance)
            || (instance.Scheme != Uri.UriSchemeHttps && instance.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(instance.Query) || !string.IsNullOrEmpty(instance.Fragment))
        {
            failures.Add($"{Section}:Instance must be an absolute https URL such as https://login.microsoftonline.com/.");
        }
        else if (instance.Scheme == Uri.UriSchemeHttp && !instance.IsLoopback)
        {
            failures.Add($"{Section}:Instance '{options.Instance}' uses plain http off loopback; use https (http is allowed only for localhost, 127.0.0.1 and [::1]).");
        }

        if (!options.IsMultiTenant && !Guid.TryParse(options.TenantId, out _))
        {
            failures.Add($"{Section}:TenantId must be a directory id (GUID), 'organizations' or 'common'.");
        }

        if (options.Audience is not null && string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add($"{Section}:Audience is empty; remove it or set the extra audience to accept.");
        }

        if (options.RequiredScopes.Length == 0)
        {
            failures.Add($"{Section}:Scopes must name the delegated scope a caller needs, e.g. Account.Read.");
        }

        if (options.MetadataTimeout < TimeSpan.FromMilliseconds(100) || options.MetadataTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:MetadataTimeout is {options.MetadataTimeout}; use a value from 00:00:00.1 to 00:01:00 (default 00:00:05).");
        }

        if (options.MetadataRefreshInterval < TimeSpan.FromMinutes(5) || options.MetadataRefreshInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:MetadataRefreshInterval is {options.MetadataRefreshInterval}; use a value from 00:05:00 to 01:00:00 (default 01:00:00): a withdrawn signing key is accepted until the next refresh.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
