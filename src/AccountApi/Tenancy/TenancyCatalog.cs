using System.Collections.Frozen;

namespace AccountApi.Tenancy;

/// <summary>
/// An immutable, validated set of tenancies, built whole or not at all: the <c>Tenancies</c> section read as the
/// registry's seed (imported into an empty registry at start).
/// </summary>
internal sealed class TenancyCatalog
{
    private readonly FrozenDictionary<string, TenancyInfo> _tenancies;
    private readonly FrozenSet<Guid> _directories;

    private TenancyCatalog(FrozenDictionary<string, TenancyInfo> tenancies)
    {
        _tenancies = tenancies;
        _directories = tenancies.Values.SelectMany(tenancy => tenancy.DirectoryIds).ToFrozenSet();
    }

    public int Count => _tenancies.Count;

    public IEnumerable<TenancyInfo> Tenancies => _tenancies.Values;

    public TenancyInfo? Find(string name) => _tenancies.GetValueOrDefault(name);

    /// <summary>Some tenancy, suspended or not, admits callers of <paramref name="directory"/>.</summary>
    public bool AdmitsDirectory(Guid directory) => _directories.Contains(directory);

    /// <summary>Validates every definition, after any binding errors; on any error returns no catalog and every message, each naming its key.</summary>
    public static TenancyCatalog? TryCreate(TenancyOptions options, out IReadOnlyList<string> errors)
    {
        var failures = new List<string>(options.BindingErrors);
        var tenancies = new Dictionary<string, TenancyInfo>(StringComparer.OrdinalIgnoreCase);

        foreach (var (name, definition) in options.Tenancies)
        {
            var key = $"{TenancyOptions.SectionName}:{name}";
            if (!TenancyName.IsValid(name))
            {
                failures.Add($"{key}: the name must be 1–{TenancyName.MaxLength} letters, digits or '-'.");
                continue;
            }

            if (definition.DirectoryIds.Count == 0)
            {
                failures.Add($"{key}:DirectoryIds must list at least one Entra directory (tenant) id.");
                continue;
            }

            var directoryIds = new HashSet<Guid>();
            for (var i = 0; i < definition.DirectoryIds.Count; i++)
            {
                if (Guid.TryParse(definition.DirectoryIds[i], out var directoryId) && directoryId != Guid.Empty)
                {
                    directoryIds.Add(directoryId);
                }
                else
                {
                    failures.Add($"{key}:DirectoryIds:{i} '{definition.DirectoryIds[i]}' is not a directory id (a non-empty GUID).");
                }
            }

            var displayName = string.IsNullOrWhiteSpace(definition.DisplayName) ? name : definition.DisplayName;
            tenancies[name] = new TenancyInfo(name, displayName, [.. directoryIds], definition.Suspended);
        }

        errors = failures;
        return failures.Count == 0 ? new TenancyCatalog(tenancies.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase)) : null;
    }
}
