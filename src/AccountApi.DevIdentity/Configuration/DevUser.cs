namespace AccountApi.DevIdentity.Configuration;

/// <summary>A configured user and the directory they belong to.</summary>
internal sealed class DevUser(string userName, string displayName, Guid objectId, DevDirectory directory)
{
    public string UserName { get; } = userName;

    public string DisplayName { get; } = displayName;

    public Guid ObjectId { get; } = objectId;

    public DevDirectory Directory { get; } = directory;
}
