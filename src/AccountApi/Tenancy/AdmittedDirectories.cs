using AccountApi.Revocation;
using Microsoft.Extensions.Options;

namespace AccountApi.Tenancy;

/// <summary>
/// The Entra directories this service serves: those some tenancy admits (suspended or not) and the operator
/// directories. Any directory can mint tokens for a multi-tenant API; one nobody admitted must not be able to write
/// revocations or take room in the token cache.
/// </summary>
internal sealed class AdmittedDirectories(TenancyStore tenancies, IOptions<RevocationOptions> revocation)
{
    public bool Admits(Guid directory) => IsOperatorDirectory(directory) || tenancies.AdmitsDirectory(directory);

    /// <inheritdoc cref="RevocationOptions.OperatorDirectories"/>
    public bool IsOperatorDirectory(Guid directory) => revocation.Value.OperatorDirectories.Contains(directory);
}
