using System.Runtime.CompilerServices;
using AccountApi.Revocation;
using Microsoft.Extensions.Options;

namespace AccountApi.RateLimiting;

/// <summary>
/// The budgets of every tier (<see cref="RateLimitOptions"/>), each keyed without formatting anything per request. With
/// Redis (<c>Revocation:Redis</c>), the per-caller, per-operator and per-tenancy budgets hold across instances
/// (<see cref="LeasedWindowBudget"/>); the per-address ones stay each instance's own, in front of everything.
/// </summary>
internal sealed class RateLimitBudgets : IDisposable
{
    // Partitions held per tier at most: about 100 bytes each, so 100 MB at worst, for a flood from a million addresses.
    private const int MaxPartitions = 1_000_000;

    public RateLimitBudgets(IOptions<RateLimitOptions> options, TimeProvider time, ITokenRevocationStore revocations, ILogger<RateLimitBudgets> logger)
    {
        var limits = options.Value;
        PerAddress = new FixedWindowBudget<UInt128>(limits.PerAddress, time, MaxPartitions);
        PerNetwork = new FixedWindowBudget<UInt128>(limits.PerNetwork, time, MaxPartitions);
        PerCaller = Shared("per-caller", limits.PerCaller);
        PerOperator = Shared("per-operator", limits.PerOperator);
        PerTenancy = Shared("per-tenancy", limits.PerTenancy);

        IWindowBudget<string> Shared(string tier, RateLimitWindow window) => revocations is ISharedRevocationStore shared
            ? Leased(tier, window, shared, time, logger)
            : new FixedWindowBudget<string>(window, time, MaxPartitions);
    }

    /// <summary>By <see cref="RateLimitPartitions.AddressKey"/>: an IPv4 address, or an IPv6 /64.</summary>
    public IWindowBudget<UInt128> PerAddress { get; }

    /// <summary>By an IPv6 client's /48.</summary>
    public IWindowBudget<UInt128> PerNetwork { get; }

    /// <summary>By the validated caller's key, computed once per token.</summary>
    public IWindowBudget<string> PerCaller { get; }

    public IWindowBudget<string> PerOperator { get; }

    /// <summary>By the permitted tenancy's name.</summary>
    public IWindowBudget<string> PerTenancy { get; }

    // A method of its own, never inlined: compiling it loads the Redis client, which an instance without Redis never loads.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static LeasedWindowBudget Leased(string tier, RateLimitWindow window, ISharedRevocationStore shared, TimeProvider time, ILogger logger) =>
        new(tier, window, () => shared.Connection, time, MaxPartitions, logger);

    public void Dispose()
    {
        PerAddress.Dispose();
        PerNetwork.Dispose();
        PerCaller.Dispose();
        PerOperator.Dispose();
        PerTenancy.Dispose();
    }
}
