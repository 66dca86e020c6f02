namespace AccountApi.Tenancy;

/// <summary>The outcome of reading <c>X-Tenant-ID</c> for a request.</summary>
public enum TenancyResolution
{
    /// <summary>Not looked at: the endpoint is public or the caller is not authenticated.</summary>
    NotEvaluated,
    Resolved,
    Missing,
    Invalid,
    /// <summary>Unknown, suspended, or not admitting the caller's directory: deliberately one outcome.</summary>
    NotPermitted,
}
