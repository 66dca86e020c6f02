using StackExchange.Redis;

namespace AccountApi.Revocation;

/// <summary>
/// A revocation store shared by every instance (<see cref="RedisTokenRevocationStore"/>), as the parts that depend on
/// it see it: the readiness check, and the rate limits, which share their budgets through its connection. They ask
/// through this interface rather than the class: recognising the class loads the Redis client (its fields are Redis's
/// types), and an instance without Redis should never load it.
/// </summary>
internal interface ISharedRevocationStore : ITokenRevocationStore
{
    /// <summary>The set was loaded from Redis at least once: before that, this instance knows no shared revocation.</summary>
    bool HasLoaded { get; }

    bool IsConnected { get; }

    /// <summary>No gap is waiting to be re-read: false from a lost connection until the catch-up after it is done.</summary>
    bool IsInStep { get; }

    /// <summary>The connection, once started: the rate limits share budgets through it (<c>RateLimiting/LeasedWindowBudget</c>).</summary>
    IConnectionMultiplexer? Connection { get; }
}
