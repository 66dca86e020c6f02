using AccountApi.DevIdentity;

namespace AccountApi.DevHost.Composition;

/// <summary>
/// The two addresses the host listens on, read and checked before anything listens: the API's
/// (<c>DevHost:ApiUrl</c>) and the identity provider's origin (<c>DevIdentity:PublicBaseAddress</c>, https, because
/// MSAL and MSAL Browser refuse an http authority).
/// </summary>
internal sealed record DevHostAddresses(Uri Api, Uri IdentityProvider, string CertificateDirectory)
{
    private const string ProviderKey = DevIdentityOptions.SectionName + ":PublicBaseAddress";
    private const string ApiKey = DevHostOptions.SectionName + ":ApiUrl";

    public static DevHostAddresses Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(DevHostOptions.SectionName).Get<DevHostOptions>() ?? new DevHostOptions();
        var failures = new List<string>();
        var api = Parse(ApiKey, options.ApiUrl, [Uri.UriSchemeHttp, Uri.UriSchemeHttps], failures);
        var provider = Parse(ProviderKey, configuration[ProviderKey], [Uri.UriSchemeHttps], failures);
        if (api is not null && provider is not null && api.Port == provider.Port)
        {
            failures.Add($"{ApiKey} and {ProviderKey} use the same port {api.Port}; give each its own.");
        }

        if (string.IsNullOrWhiteSpace(options.CertificateDirectory) || !Path.IsPathFullyQualified(options.CertificateDirectory))
        {
            failures.Add($"{DevHostOptions.SectionName}:CertificateDirectory must be an absolute directory path; remove it to use {DevHostOptions.DefaultCertificateDirectory}.");
        }

        return failures.Count > 0
            ? throw new InvalidOperationException("The development host cannot start: " + string.Join(" ", failures))
            : new DevHostAddresses(api!, provider!, options.CertificateDirectory);
    }

    private static Uri? Parse(string key, string? value, string[] schemes, List<string> failures)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme)
            && uri.IsLoopback && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0)
        {
            return uri;
        }

        failures.Add($"{key} is '{value}'; it must be a {string.Join(" or ", schemes)} address on loopback with a port and no path, e.g. {schemes[^1]}://localhost:{(key == ApiKey ? 5080 : 5443)}.");
        return null;
    }
}
