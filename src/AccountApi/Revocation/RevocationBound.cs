namespace AccountApi.Revocation;

/// <summary>
/// Keeps new revocations within <see cref="RevocationOptions.MaxEntries"/>: one beyond it is refused (the caller
/// answers 503 and the client retries once entries have expired), never silently dropped; the approach is logged.
/// </summary>
internal sealed class RevocationBound(RevocationSet set, RevocationOptions options, ILogger logger)
{
    private int _warned;

    /// <exception cref="RevocationUnavailableException">The set is full.</exception>
    public void EnsureRoom()
    {
        if (!set.HasRoom)
        {
            throw new RevocationUnavailableException($"{options.MaxEntries} revocations are held (Revocation:MaxEntries): no more are taken until some expire.");
        }

        // Once per approach: the flag clears when the set has drained below the mark again.
        if (set.IsNearlyFull)
        {
            if (Interlocked.Exchange(ref _warned, 1) == 0)
            {
                RevocationLog.NearlyFull(logger, set.Count, options.MaxEntries);
            }
        }
        else
        {
            Volatile.Write(ref _warned, 0);
        }
    }
}
