namespace AccountApi.Testing;

/// <summary>The request headers the API reads besides <c>Authorization</c>.</summary>
public static class AccountApiHeaders
{
    /// <summary>The tenancy a request is for: a tenancy name, e.g. <c>contoso</c>.</summary>
    public const string TenantId = "X-Tenant-ID";
}
