using AccountApi.Tenancy;

namespace AccountApi.TenancyAdmin;

/// <summary>What a tenancy written through the admin API must be; every problem is named by its field.</summary>
internal static class TenancyValidation
{
    public const int MaxDirectories = 100;
    public const int MaxDisplayNameLength = 200;

    /// <summary>The tenancy, or null and the problems by field (<c>name</c>, <c>directoryIds[2]</c>, …).</summary>
    public static TenancyInfo? Validate(string? name, string? displayName, IReadOnlyList<string?>? directoryIds, bool? suspended, Dictionary<string, string[]> errors)
    {
        if (name is null || !TenancyName.IsValid(name))
        {
            errors["name"] = [$"1 to {TenancyName.MaxLength} letters, digits or '-'."];
        }

        if (displayName is not null && (displayName.Length is 0 or > MaxDisplayNameLength || displayName.Any(char.IsControl)))
        {
            errors["displayName"] = [$"1 to {MaxDisplayNameLength} characters, none of them control characters; omit it to show the name."];
        }

        var directories = new List<Guid>();
        if (directoryIds is null || directoryIds.Count is 0 or > MaxDirectories)
        {
            errors["directoryIds"] = [$"1 to {MaxDirectories} Entra directory (tenant) ids."];
        }
        else
        {
            for (var i = 0; i < directoryIds.Count; i++)
            {
                if (Guid.TryParse(directoryIds[i], out var directory) && directory != Guid.Empty)
                {
                    if (!directories.Contains(directory))
                    {
                        directories.Add(directory);
                    }
                }
                else
                {
                    errors[$"directoryIds[{i}]"] = ["A directory id: a non-empty GUID."];
                }
            }
        }

        return errors.Count > 0 ? null : new TenancyInfo(name!, displayName ?? name!, [.. directories], suspended ?? false);
    }
}
