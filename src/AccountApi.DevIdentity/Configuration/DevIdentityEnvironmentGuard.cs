using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AccountApi.DevIdentity.Configuration;

/// <summary>Just the switch of the <c>DevIdentity</c> section, bound whether or not the provider was added.</summary>
internal sealed class DevIdentitySwitch
{
    public bool Enabled { get; set; }
}

/// <summary>
/// The last word on where the provider may run, checked at start against the configuration as the host finally built
/// it. <see cref="DevIdentityProviderExtensions.AddDevIdentityProvider"/> decides from the configuration it can see
/// when it runs; sources added later (a test host's, a later AddJsonFile) could switch the provider on behind its back.
/// </summary>
internal sealed class DevIdentityEnvironmentGuard(IHostEnvironment environment, IServiceProviderIsService services)
    : IValidateOptions<DevIdentitySwitch>
{
    public const string EnabledKey = DevIdentityOptions.SectionName + ":Enabled";

    public static string OutsideDevelopment(string environmentName) =>
        $"{EnabledKey} is true but the environment is '{environmentName}'. The development identity provider issues tokens for test users without passwords and runs only in Development: set {EnabledKey} to false (or remove it) here, or run with ASPNETCORE_ENVIRONMENT=Development.";

    public ValidateOptionsResult Validate(string? name, DevIdentitySwitch options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        if (!environment.IsDevelopment())
        {
            return ValidateOptionsResult.Fail(OutsideDevelopment(environment.EnvironmentName));
        }

        return services.IsService(typeof(DevIdentityMarker))
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{EnabledKey} is true only in a configuration source added after AddDevIdentityProvider ran, so the provider was not added. Set it in appsettings.Development.json or an environment variable (DevIdentity__Enabled=true).");
    }
}
