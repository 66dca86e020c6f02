using Microsoft.Extensions.Options;

namespace AccountApi.Tenancy;

/// <summary>Stops start-up on an invalid <c>Tenancies</c> section (the registry's seed).</summary>
internal sealed class TenancyOptionsValidator : IValidateOptions<TenancyOptions>
{
    public ValidateOptionsResult Validate(string? name, TenancyOptions options) =>
        TenancyCatalog.TryCreate(options, out var errors) is null
            ? ValidateOptionsResult.Fail(errors)
            : ValidateOptionsResult.Success;
}
