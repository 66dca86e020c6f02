using System.Net;
using Microsoft.Extensions.Options;

namespace AccountApi.Proxies;

/// <summary>Checks the <c>ForwardedHeaders</c> section at start and names the key to fix.</summary>
internal sealed class ProxyOptionsValidator(IConfiguration configuration) : IValidateOptions<ProxyOptions>
{
    // ASP.NET Core's own switch (ASPNETCORE_FORWARDEDHEADERS_ENABLED) trusts X-Forwarded-For from any address.
    private const string FrameworkSwitch = "ForwardedHeaders_Enabled";

    public ValidateOptionsResult Validate(string? name, ProxyOptions options)
    {
        var failures = new List<string>();
        const string Section = ProxyOptions.SectionName;
        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
            {
                failures.Add($"{Section}:KnownProxies:{i} must be an IP address such as 10.0.0.5 (was '{options.KnownProxies[i]}').");
            }
        }

        for (var i = 0; i < options.KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(options.KnownNetworks[i], out _))
            {
                failures.Add($"{Section}:KnownNetworks:{i} must be a network in CIDR notation such as 10.0.0.0/24 (was '{options.KnownNetworks[i]}').");
            }
        }

        if (configuration.GetValue<bool>(FrameworkSwitch))
        {
            failures.Add($"{FrameworkSwitch} (ASPNETCORE_FORWARDEDHEADERS_ENABLED) would trust X-Forwarded-For from any address; remove it and list the proxies in {Section}:KnownProxies or {Section}:KnownNetworks.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
