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

    public TenancyStore(IConfiguration configuration, ILogger<TenancyStore> logger)
    {
        _configuration = configuration;
        _logger = logger;
        _catalog = Load() ?? throw new InvalidOperationException(
            $"The {TenancyOptions.SectionName} configuration is invalid; see the start-up validation errors.");
        _reloadSubscription = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
    }

    public Tenancy? Find(string name) => _catalog.Find(name);

    public void Dispose() => _reloadSubscription.Dispose();

    private void Reload()
    {
        if (Load() is { } catalog)
        {
            _catalog = catalog;
            TenancyLog.Reloaded(_logger, catalog.Count);
        }
    }

    private TenancyCatalog? Load()
    {
        IReadOnlyList<string> errors;
        TenancyCatalog? catalog;
        try
        {
            catalog = TenancyCatalog.TryCreate(TenancyOptions.Bind(_configuration), out errors);
        }
        catch (InvalidOperationException exception)
        {
            // The binder names the key it could not convert (e.g. Suspended: "maybe").
            (catalog, errors) = (null, [exception.Message]);
        }

        if (catalog is null)
        {
            TenancyLog.ReloadRejected(_logger, string.Join(" ", errors));
        }

        return catalog;
    }
}
