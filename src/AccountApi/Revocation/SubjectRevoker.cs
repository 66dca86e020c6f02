namespace AccountApi.Revocation;

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

    // The start of the next whole second, because iat has whole seconds: every token issued up to now, even earlier in
    // this second, is refused, and a token whose iat is the cut-off (what the claims challenge asks for) is accepted.
    internal static DateTimeOffset CutOffAt(DateTimeOffset now) => DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() + 1);
}
