namespace AccountApi.Tenancy;

/// <summary>The <c>Tenancies</c> section: tenancy name → definition. Names compare case-insensitively.</summary>
public sealed class TenancyOptions
{
    public const string SectionName = "Tenancies";

    public Dictionary<string, TenancyDefinition> Tenancies { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Keys of the section that could not be bound, each message naming its key; validation reports them.</summary>
    internal List<string> BindingErrors { get; } = [];

    /// <summary>Binds the <c>Tenancies</c> section beneath <paramref name="configuration"/>.</summary>
    public static TenancyOptions Bind(IConfiguration configuration)
    {
        var options = new TenancyOptions();
        Bind(options, configuration);
        return options;
    }

    /// <summary>
    /// Binds each tenancy with the framework's binder, refusing keys it does not know (a misspelt <c>DirectoryIds</c>
    /// would otherwise leave a tenancy admitting nobody, or its <c>Suspended</c> unread): each refusal names the
    /// tenancy. A tenancy with nothing bindable (<c>"DirectoryIds": []</c>) is kept, so that validation reports it.
    /// </summary>
    /// <remarks>
    /// The section is a seed for a handful of tenancies (the framework's binder reads it in time that grows with
    /// tenancies × keys); a large set is loaded once through the admin API's import.
    /// </remarks>
    internal static void Bind(TenancyOptions options, IConfiguration configuration)
    {
        foreach (var tenancy in configuration.GetSection(SectionName).GetChildren())
        {
            var definition = new TenancyDefinition();
            try
            {
                tenancy.Bind(definition, binder => binder.ErrorOnUnknownConfiguration = true);
            }
            catch (InvalidOperationException exception)
            {
                options.BindingErrors.Add($"{tenancy.Path}: {exception.Message}");
            }

            options.Tenancies[tenancy.Key] = definition;
        }
    }
}
