namespace AccountApi.Tests.Infrastructure;

/// <summary>Tests that measure the thread pool or elapsed time run alone, not beside the rest of the suite.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitiveGroup
{
    public const string Name = "Timing-sensitive";
}
