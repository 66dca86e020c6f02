namespace AccountApi.Tests.TenancyRegistry;

/// <summary>A test against a real PostgreSQL server: skipped outside CI when none is installed, failed under CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = PostgresServer.SkipReason;
}
