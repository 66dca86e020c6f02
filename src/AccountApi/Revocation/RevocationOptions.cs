namespace AccountApi.Revocation;

/// <summary>The <c>Revocation</c> section: how long cut-offs are kept, and where revocations are shared.</summary>
public sealed class RevocationOptions
{
    public const string SectionName = "Revocation";

    /// <summary>The app role an operator's application needs to revoke users' tokens (<c>POST /admin/directories/…/revoke</c>).</summary>
    public const string OperatorRole = "Account.Revoke.All";

    /// <summary>
    /// The longest lifetime of an access token this API accepts. A subject cut-off is kept this long (plus the clock
    /// skew), until every token it refuses has expired anyway. Entra's default is 60–90 minutes; a token lifetime policy
    /// can set up to a day, hence the default. Between 5 minutes and 2 days.
    /// </summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// With Redis: how long this instance may go without confirming that it has every revocation (its subscription
    /// delivers its own heartbeat, or it re-read the store) before it stops serving: past it, authenticated requests
    /// are answered 503 <c>revocation_unavailable</c> and readiness reports Unhealthy, so a load balancer takes the
    /// instance out of rotation instead of letting it serve tokens revoked elsewhere. Between 1 second and 5 minutes.
    /// </summary>
    public TimeSpan MaxStaleness { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The most revocations (single tokens and cut-offs) held at once, on every instance. A revocation asked beyond it is
    /// answered 503 rather than dropped; a warning is logged at 80%, and <c>accountapi.revocation.entries</c> counts them.
    /// An entry costs roughly 150 bytes. Between 1,000 and 10,000,000.
    /// </summary>
    public int MaxEntries { get; set; } = 1_000_000;

    /// <summary>
    /// A StackExchange.Redis connection string (<c>host:6379,password=…,ssl=true</c>). Set it when several instances
    /// serve the API, so a revocation on one is enforced by all; without it revocations stay in this process.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>
    /// Directories whose operator applications (app role <see cref="OperatorRole"/>) may revoke users of any directory.
    /// An operator of any other directory may revoke only its own directory's users.
    /// </summary>
    public IList<Guid> OperatorDirectories { get; } = [];
}
