namespace AccountApi.DevIdentity.Configuration;

/// <summary>A configured directory (tenant), read-only.</summary>
internal sealed class DevDirectory(Guid tenantId, string displayName)
{
    private readonly List<DevUser> _users = [];

    public Guid TenantId { get; } = tenantId;

    public string DisplayName { get; } = displayName;

    public IReadOnlyList<DevUser> Users => _users;

    public void AddUser(DevUser user) => _users.Add(user);
}
