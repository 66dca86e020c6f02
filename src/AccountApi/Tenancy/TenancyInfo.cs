using System.Collections.Frozen;

namespace AccountApi.Tenancy;

/// <summary>A validated tenancy: its canonical name and the directories it admits.</summary>
public sealed record TenancyInfo(string Name, string DisplayName, FrozenSet<Guid> DirectoryIds, bool Suspended)
{
    public bool Admits(Guid directoryId) => !Suspended && DirectoryIds.Contains(directoryId);
}
