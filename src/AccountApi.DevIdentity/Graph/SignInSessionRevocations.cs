using System.Collections.Concurrent;

namespace AccountApi.DevIdentity.Graph;

/// <summary>
/// When each user's sign-in sessions were last revoked (Graph's <c>revokeSignInSessions</c>): a single sign-on session
/// that started at or before that instant is no longer honoured, as Entra invalidates its session cookies.
/// </summary>
internal sealed class SignInSessionRevocations(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _revokedAt = new();

    public DateTimeOffset Revoke(Guid objectId)
    {
        var now = timeProvider.GetUtcNow();
        return _revokedAt.AddOrUpdate(objectId, now, (_, earlier) => earlier > now ? earlier : now);
    }

    public bool Ended(Guid objectId, DateTimeOffset sessionStartedAt) =>
        _revokedAt.TryGetValue(objectId, out var revokedAt) && sessionStartedAt <= revokedAt;
}
