using AccountApi.Tenancy;

namespace AccountApi.TenancyRegistry;

/// <summary>
/// The registry's database. Every write is one transaction that takes the next change sequence; a failure leaves
/// nothing written. Database faults surface as <see cref="TenancyStoreUnavailableException"/>.
/// </summary>
internal interface ITenancyRegistryStore
{
    /// <summary>
    /// Creates or migrates the schema from the versioned scripts and, the first time only, imports
    /// <paramref name="seed"/>; safe when several instances start at once. True when the seed was imported now.
    /// </summary>
    Task<bool> PrepareAsync(IReadOnlyCollection<TenancyInfo> seed, CancellationToken cancellationToken);

    /// <summary>
    /// Streams every tenancy (deletions included) to <paramref name="load"/>, in no particular order, from one
    /// consistent read; returns the sequence that read is current up to. The start-up load of a whole registry.
    /// </summary>
    Task<long> LoadAsync(Action<TenancyRecord> load, CancellationToken cancellationToken);

    /// <summary>Changes (deletions included) with a sequence after <paramref name="after"/>, in order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<TenancyRecord>> ReadChangesAsync(long after, int limit, CancellationToken cancellationToken);

    Task<TenancyRecord?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>Existing tenancies in name order after <paramref name="after"/> (keyset paging).</summary>
    Task<IReadOnlyList<TenancyRecord>> ListAsync(string? after, int limit, CancellationToken cancellationToken);

    /// <summary>Creates or replaces <paramref name="tenancy"/> if <paramref name="precondition"/> holds.</summary>
    Task<TenancyWriteResult> PutAsync(TenancyInfo tenancy, TenancyPrecondition precondition, CancellationToken cancellationToken);

    Task<TenancyWriteResult> DeleteAsync(string name, TenancyPrecondition precondition, CancellationToken cancellationToken);

    /// <summary>Creates or replaces every tenancy in one transaction: all or none. Returns how many were written.</summary>
    Task<int> ImportAsync(IAsyncEnumerable<TenancyInfo> tenancies, CancellationToken cancellationToken);
}
