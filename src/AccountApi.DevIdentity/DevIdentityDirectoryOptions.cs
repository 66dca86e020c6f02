namespace AccountApi.DevIdentity;

/// <summary>A directory (Entra tenant) and its users (section <c>DevIdentity:Directories:{name}</c>).</summary>
public sealed class DevIdentityDirectoryOptions
{
    /// <summary>The directory (tenant) id, a GUID; it is the <c>tid</c> claim and part of the issuer.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>A human-readable name shown on the sign-in page.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The users who can sign in to this directory.</summary>
    public IList<DevIdentityUserOptions> Users { get; } = new List<DevIdentityUserOptions>();
}
