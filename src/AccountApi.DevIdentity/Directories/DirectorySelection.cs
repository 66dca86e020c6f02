using AccountApi.DevIdentity.Configuration;

namespace AccountApi.DevIdentity.Directories;

/// <summary>
/// What the <c>{tenant}</c> path segment selected: one directory, or any directory (<c>common</c>,
/// <c>organizations</c>, or the seed's application id in place of the tenant).
/// </summary>
internal sealed record DirectorySelection(string Segment, DevDirectory? Directory)
{
    public bool IsMultiTenant => Directory is null;

    public bool Allows(DevDirectory directory) => Directory is null || Directory.TenantId == directory.TenantId;

    public bool Allows(DevUser user) => Allows(user.Directory);
}
