namespace AccountApi.DevIdentity;

/// <summary>A user of a directory (section <c>DevIdentity:Directories:{name}:Users:{index}</c>).</summary>
public sealed class DevIdentityUserOptions
{
    /// <summary>The sign-in name, e.g. <c>alice@contoso.example</c>; the <c>preferred_username</c> claim and the <c>login_hint</c> to use.</summary>
    public string UserName { get; set; } = "";

    /// <summary>The user's display name; the <c>name</c> claim.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The user's object id, a GUID; the <c>oid</c> claim.</summary>
    public string ObjectId { get; set; } = "";
}
