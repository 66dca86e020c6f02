using AccountApi.Revocation;

namespace AccountApi.RevocationRoutes;

/// <summary>Sets a subject's cut-off at now and writes the audit line: what both revocation routes do.</summary>
internal sealed class SubjectRevoker(ITokenRevocationStore store, TimeProvider timeProvider, ILogger<SubjectRevoker> logger)
{
    /// <summary>The cut-off set, or null when the store could not share it with every instance (the caller must retry).</summary>
    public async Task<DateTimeOffset?> RevokeAsync(RevocationSubject subject, string requestedBy, CancellationToken cancellationToken)
    {
        var cutOff = CutOffAt(timeProvider.GetUtcNow());
        try
        {
            await store.RevokeSubjectAsync(subject, cutOff, cancellationToken);
        }
        catch (RevocationUnavailableException exception)
        {
            RevocationLog.SubjectNotRevoked(logger, subject.ToString(), requestedBy, exception.Message);
            return null;
        }

        RevocationLog.SubjectRevoked(logger, subject.ToString(), cutOff, requestedBy);
        return cutOff;
    }

    /// <summary>
    /// How far Entra's clock may run ahead of this service's and a token minted just before the revocation is still
    /// refused: its iat is Entra's time, the cut-off ours. Synchronized clocks differ by milliseconds; the price is that
    /// a token minted within this long after the revocation is refused too (a cp1 client is told to wait for it).
    /// </summary>
    internal static readonly TimeSpan ClockAllowance = TimeSpan.FromSeconds(2);

    // The start of the whole second after now plus the allowance, because iat has whole seconds: every token issued up
    // to now, even earlier in this second and by a clock ahead of ours, is refused, and a token whose iat is the cut-off
    // (what the claims challenge asks for) is accepted.
    internal static DateTimeOffset CutOffAt(DateTimeOffset now) => DateTimeOffset.FromUnixTimeSeconds((now + ClockAllowance).ToUnixTimeSeconds() + 1);
}
