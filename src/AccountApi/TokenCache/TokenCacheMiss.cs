namespace AccountApi.TokenCache;

/// <summary>
/// A request feature: the validated-token cache was asked for this request's token and does not hold it. Kept for the
/// request only (the server clears its features between requests); one shared instance, as it carries nothing.
/// </summary>
/// <remarks>
/// Nothing is lost by trusting it for the rest of the request: the scheme's handler authenticates once per request and
/// keeps its answer, so a token cached later in the same request could not change what the request is told.
/// </remarks>
internal sealed class TokenCacheMiss
{
    public static readonly TokenCacheMiss Recorded = new();

    private TokenCacheMiss()
    {
    }
}
