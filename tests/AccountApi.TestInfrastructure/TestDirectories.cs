namespace AccountApi.TestInfrastructure;

/// <summary>
/// The two Entra directories (tenants) the tests and the benchmark sign tokens for; the same ids as the development
/// data's Contoso and Fabrikam, so a figure or a log line reads the same wherever it came from.
/// </summary>
public static class TestDirectories
{
    public const string ContosoId = "c0c0c0c0-0000-4000-8000-000000000001";

    public const string FabrikamId = "fabfab00-0000-4000-8000-000000000002";

    public static readonly Guid Contoso = Guid.Parse(ContosoId);

    public static readonly Guid Fabrikam = Guid.Parse(FabrikamId);
}
