namespace AccountApi.Tests.Revocation;

/// <summary>A test against a real Redis server: skipped outside CI when none is installed, failed under CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute() => Skip = RedisServer.SkipReason;
}

/// <inheritdoc cref="RedisFactAttribute"/>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RedisTheoryAttribute : TheoryAttribute
{
    public RedisTheoryAttribute() => Skip = RedisServer.SkipReason;
}
