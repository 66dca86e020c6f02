namespace AccountApi.Tenancy;

/// <summary>
/// A validated tenancy: its canonical name, the directories it admits (usually one or two, so a list), and what it
/// asks of its callers beyond what the API does: app roles, and Conditional Access authentication contexts (step-up).
/// </summary>
public sealed record TenancyInfo(string Name, string DisplayName, IReadOnlyList<Guid> DirectoryIds, bool Suspended)
{
    /// <summary>App roles every caller's token must carry (<c>roles</c>), e.g. <c>Account.Read.All</c>.</summary>
    public IReadOnlyList<string> RequiredRoles { get; init; } = [];

    /// <summary>Authentication contexts every caller's token must carry (<c>acrs</c>), e.g. <c>c1</c> for "MFA within the hour".</summary>
    public IReadOnlyList<string> RequiredAuthenticationContexts { get; init; } = [];

    public bool Admits(Guid directoryId) => !Suspended && DirectoryIds.Contains(directoryId);
}
