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
    /// <summary>Admitted by what is in memory now: while the registry loads at start, a directory may not be yet.</summary>
    public bool Admits(Guid directory) => IsOperatorDirectory(directory) || tenancies.AdmitsDirectory(directory);

    /// <summary><see cref="Admits"/>, waiting for the registry to be loaded before it answers no.</summary>
    public async ValueTask<bool> AdmitsAsync(Guid directory)
    {
        if (Admits(directory))
        {
            return true;
        }

        await tenancies.Loaded;
        return tenancies.AdmitsDirectory(directory);
    }

    /// <inheritdoc cref="RevocationOptions.OperatorDirectories"/>
    public bool IsOperatorDirectory(Guid directory) => revocation.Value.OperatorDirectories.Contains(directory);
}
