namespace AccountApi.Tenancy;

internal static class TenancyHeaders
{
    public const string TenantId = "X-Tenant-ID";
}
