namespace AccountApi.TokenCache;

/// <summary>
/// Admits a token to the cache on its second acceptance only: a token used once (a client's last request with it, a
/// cycle of fresh tokens) is never kept, so it costs neither memory nor the garbage collector's work of promoting it
/// and finding it dead later. "Seen once" is a fixed array of 64-bit marks of the digest, in buckets of eight (one
/// cache line), with no allocation; a mark is forgotten as other new tokens take its slot, about
/// <see cref="TokenCacheOptions.MaxEntries"/> of them later.
/// </summary>
internal sealed class SecondUseAdmission
{
    private const int Ways = 8;

    private readonly ulong[] _marks;
    private readonly int _buckets;
    private readonly Random _random;

    /// <param name="capacity">Marks held, rounded up to whole buckets.</param>
    /// <param name="random">Which slot of a full bucket a newcomer takes (<see cref="Random.Shared"/>; tests give a seeded one).</param>
    public SecondUseAdmission(int capacity, Random? random = null)
    {
        _buckets = (capacity + Ways - 1) / Ways;
        _marks = new ulong[_buckets * Ways];
        _random = random ?? Random.Shared;
    }

    /// <summary>
    /// Whether the token was accepted before and is still remembered; if not, it is remembered now. A token is looked
    /// for in one bucket, and its slot is freed when it is admitted. Tokens that share a bucket and are used in turn (as
    /// a load tool or a cyclic client does) do not take each other's slot until more than eight of them are in use
    /// there at once. A collision of the 64 bits only admits a token one use early: what is served from the cache is
    /// still decided by the token's exact text and the checks.
    /// </summary>
    public bool IsSecondUse(string digest)
    {
        Span<byte> prefix = stackalloc byte[12];
        System.Buffers.Text.Base64Url.DecodeFromChars(digest.AsSpan(0, 16), prefix, out _, out _);
        var mark = BitConverter.ToUInt64(prefix) | 1; // never 0, the empty slot
        var bucket = _marks.AsSpan((int)(BitConverter.ToUInt32(prefix[8..]) % (uint)_buckets) * Ways, Ways);
        var empty = -1;
        for (var way = 0; way < bucket.Length; way++)
        {
            var held = Volatile.Read(ref bucket[way]);
            if (held == mark)
            {
                Volatile.Write(ref bucket[way], 0);
                return true;
            }

            if (held == 0 && empty < 0)
            {
                empty = way;
            }
        }

        // A full bucket gives up a slot at random. Not the oldest: more than eight tokens used in turn would each take
        // the slot of the next one due. Not one fixed by the token's bits: once one-use tokens have filled the bucket
        // with marks nobody frees, two tokens used in turn with the same slot wiped each other's mark for ever (about
        // 5% of a steady set of callers after a burst of new tokens, never cached).
        Volatile.Write(ref bucket[empty >= 0 ? empty : _random.Next(Ways)], mark);
        return false;
    }
}
