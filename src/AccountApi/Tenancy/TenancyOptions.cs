namespace AccountApi.Tenancy;

/// <summary>The <c>Tenancies</c> section: tenancy name → definition. Names compare case-insensitively.</summary>
public sealed class TenancyOptions
{
    public const string SectionName = "Tenancies";

    public Dictionary<string, TenancyDefinition> Tenancies { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Keys of the section that could not be bound, each message naming its key; validation reports them.</summary>
    internal List<string> BindingErrors { get; } = [];

    /// <summary>
    /// Binds the section (see <see cref="TenancySectionBinder"/>). A tenancy written with nothing bindable
    /// (<c>"DirectoryIds": []</c>) is kept as an empty definition so that validation reports it.
    /// </summary>
    public static TenancyOptions Bind(IConfiguration configuration)
    {
        var options = new TenancyOptions();
        TenancySectionBinder.Bind(options, configuration);
        return options;
    }
}
