using AccountApi.Tenancy;

namespace AccountApi.TenancyAdmin;

/// <summary>What a tenancy written through the admin API must be; every problem is named by its field.</summary>
internal static class TenancyValidation
{
    public const int MaxDirectories = 100;
    public const int MaxDisplayNameLength = 200;
    public const int MaxRoles = 20;
    public const int MaxRoleLength = 120;

    /// <summary>The tenancy, or null and the problems by field (<c>name</c>, <c>directoryIds[2]</c>, …).</summary>
    public static TenancyInfo? Validate(string? name, TenancyDocument document, Dictionary<string, string[]> errors)
    {
        if (name is null || !TenancyName.IsValid(name))
        {
            errors["name"] = [$"1 to {TenancyName.MaxLength} letters, digits or '-'."];
        }

        var displayName = document.DisplayName;
        if (displayName is not null && (displayName.Length is 0 or > MaxDisplayNameLength || displayName.Any(char.IsControl)))
        {
            errors["displayName"] = [$"1 to {MaxDisplayNameLength} characters, none of them control characters; omit it to show the name."];
        }

        var directories = new List<Guid>();
        var directoryIds = document.DirectoryIds;
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

        var roles = Words("requiredRoles", document.RequiredRoles, MaxRoles, IsRole, $"An app role's value: 1 to {MaxRoleLength} letters, digits, '.', '_' or '-'.", errors);
        var contexts = Words("requiredAuthenticationContexts", document.RequiredAuthenticationContexts, 10, IsAuthenticationContext,
            "An authentication context id of Entra's Conditional Access: c1 to c99.", errors);

        return errors.Count > 0 ? null : new TenancyInfo(name!, displayName ?? name!, [.. directories], document.Suspended ?? false)
        {
            RequiredRoles = roles,
            RequiredAuthenticationContexts = contexts,
        };
    }

    private static string[] Words(string field, IReadOnlyList<string?>? values, int max, Func<string, bool> isValid, string rule, Dictionary<string, string[]> errors)
    {
        if (values is null)
        {
            return [];
        }

        if (values.Count > max)
        {
            errors[field] = [$"At most {max}."];
            return [];
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not { } value || !isValid(value))
            {
                errors[$"{field}[{i}]"] = [rule];
            }
        }

        return [.. values.OfType<string>().Distinct(StringComparer.Ordinal)];
    }

    private static bool IsRole(string value) =>
        value.Length is > 0 and <= MaxRoleLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static bool IsAuthenticationContext(string value) =>
        value.Length is 2 or 3 && value[0] == 'c' && value[1] != '0' && value.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;
}
