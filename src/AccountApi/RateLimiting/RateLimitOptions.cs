namespace AccountApi.RateLimiting;

/// <summary>
/// The <c>RateLimits</c> section: how many requests each tier admits per fixed window. The defaults are far above what
/// a person in a browser sends, and low enough that one client cannot take the service for itself.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Per client address (IPv4 address or IPv6 /64), before the token is looked at.</summary>
    public RateLimitWindow PerAddress { get; set; } = new() { PermitLimit = 1200, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Per IPv6 /48 (a site's prefix, 65,536 /64s), before the token is looked at. IPv4 clients are not counted here.</summary>
    public RateLimitWindow PerNetwork { get; set; } = new() { PermitLimit = 4800, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Per validated caller: <c>tid</c> + <c>oid</c> for a user, <c>tid</c> + <c>azp</c> for an application.</summary>
    public RateLimitWindow PerCaller { get; set; } = new() { PermitLimit = 300, Window = TimeSpan.FromMinutes(1) };

    /// <summary>
    /// Per operator application on operator routes (revocation, and tenancy administration), on top of
    /// <see cref="PerCaller"/>: each call writes state every instance holds, so the budget is a person's pace, not a script's.
    /// </summary>
    public RateLimitWindow PerOperator { get; set; } = new() { PermitLimit = 60, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Per tenancy, counting only requests that were permitted to use it.</summary>
    public RateLimitWindow PerTenancy { get; set; } = new() { PermitLimit = 6000, Window = TimeSpan.FromMinutes(1) };
}

/// <summary>At most <see cref="PermitLimit"/> requests per <see cref="Window"/>; more are refused, never queued.</summary>
public sealed class RateLimitWindow
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}
