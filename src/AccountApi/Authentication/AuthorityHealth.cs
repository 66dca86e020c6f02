namespace AccountApi.Authentication;

/// <summary>
/// Whether the authority's metadata could be fetched the last time it was tried. An outage is logged once when it
/// starts and once when it ends, not once per request; readiness and the refusal classification read it.
/// </summary>
internal sealed class AuthorityHealth(TimeProvider timeProvider, ILogger<AuthorityHealth> logger)
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _unavailableSince;
    private long _unavailableSinceTicks;

    /// <summary>The last fetch failed; no fetch has succeeded since.</summary>
    public bool IsUnavailable => Volatile.Read(ref _unavailableSinceTicks) != 0;

    /// <summary>Raised when an outage starts (<c>true</c>) or ends (<c>false</c>).</summary>
    public event Action<bool>? AvailabilityChanged;

    public void Fetched(string address)
    {
        lock (_gate)
        {
            if (_unavailableSince is { } since)
            {
                var duration = timeProvider.GetUtcNow() - since;
                AuthenticationLog.AuthorityRecovered(logger, address, duration);
                _unavailableSince = null;
                Volatile.Write(ref _unavailableSinceTicks, 0);
                AvailabilityChanged?.Invoke(false);
            }
        }
    }

    public void FetchFailed(string address, Exception failure)
    {
        lock (_gate)
        {
            if (_unavailableSince is null)
            {
                _unavailableSince = timeProvider.GetUtcNow();
                Volatile.Write(ref _unavailableSinceTicks, _unavailableSince.Value.UtcTicks);
                var reason = failure.GetBaseException().Message;
                AuthenticationLog.AuthorityUnavailable(logger, address, reason);
                AvailabilityChanged?.Invoke(true);
            }
        }
    }
}
