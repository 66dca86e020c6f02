using System.Net;
using Microsoft.Extensions.Options;

namespace AccountApi.SignInSessions;

internal sealed class SignInSessionOptionsValidator : IValidateOptions<SignInSessionOptions>
{
    private const string Section = SignInSessionOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, SignInSessionOptions options)
    {
        if (!options.IsConfigured)
        {
            return string.IsNullOrWhiteSpace(options.ClientSecret)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{Section}:ClientSecret is set without {Section}:ClientId: set the application id whose secret it is, or remove the secret.");
        }

        var failures = new List<string>();
        if (!Guid.TryParse(options.ClientId, out _))
        {
            failures.Add($"{Section}:ClientId '{options.ClientId}' must be an application (client) id, a GUID.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add($"{Section}:ClientSecret is required with {Section}:ClientId: the secret of that application (set it from a secret store, e.g. the environment variable Revocation__Graph__ClientSecret).");
        }

        // MSAL accepts an https authority only.
        if (!Uri.TryCreate(options.Instance, UriKind.Absolute, out var instance) || instance.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"{Section}:Instance '{options.Instance}' must be an absolute https URL, e.g. https://login.microsoftonline.com/ (by default AzureAd:Instance).");
        }

        if (!IsSafeAddress(options.BaseUrl))
        {
            failures.Add($"{Section}:BaseUrl '{options.BaseUrl}' must be an absolute https URL (http only on a loopback address), e.g. https://graph.microsoft.com/v1.0.");
        }

        if (string.IsNullOrWhiteSpace(options.Scope) || !options.Scope.EndsWith("/.default", StringComparison.Ordinal))
        {
            failures.Add($"{Section}:Scope '{options.Scope}' must be a resource's '/.default' scope, e.g. https://graph.microsoft.com/.default: client credentials ask for the application permissions granted.");
        }

        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:Timeout '{options.Timeout}' must be between 00:00:01 and 00:01:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // A client secret and an access token travel to these addresses: never in clear text beyond this machine.
    private static bool IsSafeAddress(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip))));
}
