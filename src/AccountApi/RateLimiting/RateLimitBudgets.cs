using Microsoft.Extensions.Options;

namespace AccountApi.RateLimiting;

/// <summary>The budgets of every tier (<see cref="RateLimitOptions"/>), each keyed without formatting anything per request.</summary>
internal sealed class RateLimitBudgets : IDisposable
{
    // Partitions held per tier at most: about 100 bytes each, so 100 MB at worst, for a flood from a million addresses.
    private const int MaxPartitions = 1_000_000;

    public RateLimitBudgets(IOptions<RateLimitOptions> options, TimeProvider time)
    {
        var limits = options.Value;
        PerAddress = new(limits.PerAddress, time, MaxPartitions);
        PerNetwork = new(limits.PerNetwork, time, MaxPartitions);
        PerCaller = new(limits.PerCaller, time, MaxPartitions);
        PerOperator = new(limits.PerOperator, time, MaxPartitions);
        PerTenancy = new(limits.PerTenancy, time, MaxPartitions);
    }

    /// <summary>By <see cref="RateLimitPartitions.AddressKey"/>: an IPv4 address, or an IPv6 /64.</summary>
    public FixedWindowBudget<UInt128> PerAddress { get; }

    /// <summary>By an IPv6 client's /48.</summary>
    public FixedWindowBudget<UInt128> PerNetwork { get; }

    /// <summary>By the validated caller's key, computed once per token.</summary>
    public FixedWindowBudget<string> PerCaller { get; }

    public FixedWindowBudget<string> PerOperator { get; }

    /// <summary>By the permitted tenancy's name.</summary>
    public FixedWindowBudget<string> PerTenancy { get; }

    public void Dispose()
    {
        PerAddress.Dispose();
        PerNetwork.Dispose();
        PerCaller.Dispose();
        PerOperator.Dispose();
        PerTenancy.Dispose();
    }
}
