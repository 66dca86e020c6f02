using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace AccountApi.Tenancy;

/// <summary>
/// The current tenancies. Follows configuration reloads; a reload that would be invalid is logged and ignored, so the
/// last valid set stays in force (an operator's typo never locks every customer out).
/// </summary>
internal sealed class TenancyStore : IDisposable
{
    private readonly IConfiguration _configuration;
    private readonly ILogger<TenancyStore> _logger;
    private readonly IDisposable _reloadSubscription;
    private volatile TenancyCatalog _catalog;

    public TenancyStore(IConfiguration configuration, IOptionsMonitor<TenancyOptions> startupOptions, ILogger<TenancyStore> logger)
    {
        _configuration = configuration;
        _logger = logger;
        // Starts from the section as ValidateOnStart bound it (the monitor's cached value): binding 100,000 tenancies
        // again would double their share of start-up. Start-up validation has already refused an invalid section; this
        // only guards a store built without it.
        _catalog = TenancyCatalog.TryCreate(startupOptions.CurrentValue, out var errors) ?? throw new OptionsValidationException(TenancyOptions.SectionName, typeof(TenancyOptions), errors);
        _reloadSubscription = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
    }

    public TenancyInfo? Find(string name) => _catalog.Find(name);

    /// <inheritdoc cref="TenancyCatalog.AdmitsDirectory"/>
    public bool AdmitsDirectory(Guid directory) => _catalog.AdmitsDirectory(directory);

    /// <summary>How many tenancies are in force (the readiness check needs at least one).</summary>
    public int Count => _catalog.Count;

    public void Dispose() => _reloadSubscription.Dispose();

    private void Reload()
    {
        if (Load(out var errors) is { } catalog)
        {
            _catalog = catalog;
            TenancyLog.Reloaded(_logger, catalog.Count);
        }
        else
        {
            TenancyLog.ReloadRejected(_logger, string.Join(" ", errors));
        }
    }

    private TenancyCatalog? Load(out IReadOnlyList<string> errors) =>
        TenancyCatalog.TryCreate(TenancyOptions.Bind(_configuration), out errors);
}
