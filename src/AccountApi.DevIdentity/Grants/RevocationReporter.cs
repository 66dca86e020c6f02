namespace AccountApi.DevIdentity.Grants;

/// <summary>Tells the API which access tokens were revoked, before the response that caused it is sent.</summary>
internal static class RevocationReporter
{
    public static async Task ReportAsync(
        IAccessTokenRevocationSink sink, IEnumerable<RevokedAccessToken> tokens, CancellationToken cancellationToken)
    {
        foreach (var token in tokens)
        {
            await sink.RevokeAsync(token.Digest, token.ExpiresAt, cancellationToken).ConfigureAwait(false);
        }
    }
}
