using System.Globalization;

namespace AccountApi.Revocation;

/// <summary>
/// One revocation as it travels through Redis: the value of its key and the payload of its pub/sub message, in one
/// text form (<c>t {digest} {exp}</c> or <c>s {tid} {oid} {issued-before}</c>, Unix seconds). A key names what is
/// revoked, a token or a subject, and never an instant: revoking one subject again and again holds one key, and the
/// later cut-off wins, in Redis as in memory.
/// </summary>
internal sealed record RevocationMessage(TokenRevocationKind Kind, string Id, DateTimeOffset Instant)
{
    public const string KeyPrefix = "accountapi:revocation:";

    public static RevocationMessage ForToken(string tokenDigest, DateTimeOffset expiresAt) =>
        new(TokenRevocationKind.Token, tokenDigest, expiresAt);

    public static RevocationMessage ForSubject(RevocationSubject subject, DateTimeOffset issuedBefore) =>
        new(TokenRevocationKind.Subject, $"{subject.DirectoryId:D} {subject.ObjectId:D}", issuedBefore);

    public string Payload => $"{(Kind == TokenRevocationKind.Token ? 't' : 's')} {Id} {Instant.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";

    public string Key => Kind == TokenRevocationKind.Token ? $"{KeyPrefix}t:{Id}" : $"{KeyPrefix}s:{Id.Replace(' ', ':')}";

    /// <summary>The payload read back, or null when it is not one (logged by the caller, never applied).</summary>
    public static RevocationMessage? Parse(string? payload)
    {
        var parts = payload?.Split(' ') ?? [];
        if (parts.Length < 3 || !long.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return null;
        }

        var instant = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return parts switch
        {
            ["t", var digest, _] when digest.Length is > 0 and <= 64 => ForToken(digest, instant),
            ["s", var tid, var oid, _] when Guid.TryParse(tid, out var tenantId) && Guid.TryParse(oid, out var objectId) =>
                ForSubject(new RevocationSubject(tenantId, objectId), instant),
            _ => null,
        };
    }

    public void ApplyTo(RevocationSet set)
    {
        if (Kind == TokenRevocationKind.Token)
        {
            set.AddToken(Id, Instant);
        }
        else
        {
            var ids = Id.Split(' ');
            set.AddCutOff(new RevocationSubject(Guid.Parse(ids[0]), Guid.Parse(ids[1])), Instant);
        }
    }

    /// <summary>How long the entry must live: as long as the set keeps it.</summary>
    public DateTimeOffset KeepUntil(RevocationSet set) =>
        Kind == TokenRevocationKind.Token ? RevocationSet.KeepTokenUntil(Instant) : set.KeepCutOffUntil(Instant);
}
