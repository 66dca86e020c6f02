namespace AccountApi.RateLimiting;

/// <summary>One tier's budgets: at most a number of requests per partition in each fixed window.</summary>
internal interface IWindowBudget<in TKey> : IDisposable
    where TKey : notnull
{
    /// <summary>Takes one permit of <paramref name="key"/>'s budget; when none is left, says when the window ends.</summary>
    bool TryTake(TKey key, out TimeSpan retryAfter);
}
