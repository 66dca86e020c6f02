namespace AccountApi.Tenancy;

/// <summary>
/// Endpoint metadata: the endpoint needs a valid token but no tenancy (operator routes acting across tenancies).
/// <c>X-Tenant-ID</c> is then neither read nor required. Unlike <c>AllowAnonymous</c>, the token is still required.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method | AttributeTargets.Delegate)]
public sealed class WithoutTenancyAttribute : Attribute;
