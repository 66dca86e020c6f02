namespace AccountApi.DevIdentity.Tests.Infrastructure;

/// <summary>A clock the test moves by hand; starts at the real current time so issued tokens validate normally.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
