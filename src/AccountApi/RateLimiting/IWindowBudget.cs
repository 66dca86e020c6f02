namespace AccountApi.RateLimiting;

/// <summary>One tier's budgets: at most a number of requests per partition in each fixed window.</summary>
internal interface IWindowBudget<TKey> : IDisposable
    where TKey : notnull
{
    /// <summary>Takes one permit of <paramref name="key"/>'s budget; when none is left, says when the window ends.</summary>
    bool TryTake(TKey key, out TimeSpan retryAfter);

    /// <summary>
    /// As <see cref="TryTake(TKey, out TimeSpan)"/>, through the partition <paramref name="held"/> keeps for the key's
    /// owner (a caller's facts, shared by every request with its token), so that a request does not look the key up.
    /// A partition of another budget, or one dropped since, is looked up again and kept anew.
    /// </summary>
    bool TryTake(TKey key, ref object? held, out TimeSpan retryAfter);
}
