namespace AccountApi.Tenancy;

/// <summary>A validated tenancy: its canonical name and the directories it admits (usually one or two, so a list).</summary>
public sealed record TenancyInfo(string Name, string DisplayName, IReadOnlyList<Guid> DirectoryIds, bool Suspended)
{
    public bool Admits(Guid directoryId) => !Suspended && DirectoryIds.Contains(directoryId);
}
