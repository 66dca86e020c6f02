using Microsoft.AspNetCore.Authorization;

namespace AccountApi.Tenancy;

/// <summary>
/// The caller may use the tenancy <c>X-Tenant-ID</c> names: it exists, is not suspended and admits the token's
/// directory. Decided by <see cref="TenancyPermissionHandler"/>; endpoints marked <c>WithoutTenancy</c> need none.
/// </summary>
internal sealed class TenancyRequirement : IAuthorizationRequirement;
