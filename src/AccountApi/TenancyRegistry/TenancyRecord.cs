using AccountApi.Tenancy;

namespace AccountApi.TenancyRegistry;

/// <summary>
/// A tenancy as the registry holds it: the tenancy, or null when deleted, and the sequence of the change that wrote
/// it (its ETag). <paramref name="Key"/> is the name in lower case.
/// </summary>
internal sealed record TenancyRecord(string Key, TenancyInfo? Tenancy, long Sequence)
{
    public static string KeyOf(string name) => name.ToLowerInvariant();
}

/// <summary>
/// What a conditional write asks: <c>If-Match</c> (one of these sequences, or any existing with *) and
/// <c>If-None-Match</c> (none of these sequences, or nothing existing with *).
/// </summary>
internal sealed record TenancyPrecondition(IReadOnlyList<long>? IfMatch, bool IfMatchAny, bool IfNoneMatchAny)
{
    public static TenancyPrecondition None { get; } = new(null, false, false);

    public IReadOnlyList<long>? IfNoneMatch { get; init; }

    public bool Allows(TenancyRecord? current)
    {
        var exists = current?.Tenancy is not null;
        if (exists && (IfNoneMatchAny || IfNoneMatch?.Contains(current!.Sequence) == true))
        {
            return false;
        }

        if (IfMatchAny && !exists)
        {
            return false;
        }

        return IfMatch is null || (exists && IfMatch.Contains(current!.Sequence));
    }
}

internal enum TenancyWriteOutcome
{
    Created,
    Replaced,
    Deleted,
    NotFound,
    PreconditionFailed,
}

/// <summary>The outcome of a write, and the record as it now is (null when nothing was written).</summary>
internal sealed record TenancyWriteResult(TenancyWriteOutcome Outcome, TenancyRecord? Record);
