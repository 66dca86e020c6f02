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

/// <summary>One tenancy as configured, e.g. <c>Tenancies__contoso__DirectoryIds__0=&lt;guid&gt;</c>.</summary>
public sealed class TenancyDefinition
{
    /// <summary>Shown to callers; defaults to the tenancy's name.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The Entra directory (tenant) ids whose users may act in this tenancy.</summary>
    public List<string> DirectoryIds { get; set; } = [];

    /// <summary>A suspended tenancy refuses everyone, exactly as an unknown one does.</summary>
    public bool Suspended { get; set; }
}
