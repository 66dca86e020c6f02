namespace AccountApi.TenancyRegistry;

/// <summary>The <c>TenancyRegistry</c> section: where tenancies are kept, and how often instances look for changes.</summary>
public sealed class TenancyRegistryOptions
{
    public const string SectionName = "TenancyRegistry";

    /// <summary>The default SQLite file, relative to the content root (beside the executable when published).</summary>
    public const string DefaultSqlitePath = "data/tenancies.db";

    /// <summary>
    /// The SQLite database file (created with its folder on first start), absolute or relative to the content root.
    /// Right for one instance, or several on one machine; several machines need a database server.
    /// </summary>
    public string Sqlite { get; set; } = DefaultSqlitePath;

    /// <summary>
    /// An Npgsql connection string (<c>Host=db.internal;Database=accountapi;Username=accountapi;Password=…;SSL Mode=VerifyFull</c>).
    /// When set, the registry is in PostgreSQL instead of SQLite: for several instances on several machines, which
    /// learn of each other's changes at once through <c>LISTEN/NOTIFY</c>.
    /// </summary>
    public string? PostgreSql { get; set; }

    /// <summary>
    /// How often each instance reads what changed in the registry since the last change it applied. A change made
    /// through one instance is in force on the others within about this long. Between 100 ms and 1 minute.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
