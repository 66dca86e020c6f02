namespace AccountApi.Tenancy;

/// <summary>The <c>Tenancies</c> section: tenancy name → definition. Names compare case-insensitively.</summary>
public sealed class TenancyOptions
{
    public const string SectionName = "Tenancies";

    public Dictionary<string, TenancyDefinition> Tenancies { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Binds the section. A tenancy written with nothing bindable (<c>"DirectoryIds": []</c>) is kept as an empty
    /// definition so that validation reports it, instead of the binder silently dropping it.
    /// </summary>
    public static TenancyOptions Bind(IConfiguration configuration)
    {
        var options = new TenancyOptions();
        var section = configuration.GetSection(SectionName);
        section.Bind(options.Tenancies);
        foreach (var tenancy in section.GetChildren())
        {
            options.Tenancies.TryAdd(tenancy.Key, new TenancyDefinition());
        }

        return options;
    }
}
