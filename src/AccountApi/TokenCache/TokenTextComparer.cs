using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Buffers;
using System.Text;

namespace AccountApi.TokenCache;

/// <summary>
/// Tokens kept as ASCII bytes and looked up by the characters of the request's header, with nothing copied: XXH3 of
/// the characters, seeded once per process from the system's random source, finds the entry (no one outside the
/// process can aim tokens at one bucket), and an exact comparison of every character confirms it. A hit costs a
/// small fraction of a SHA-256 and makes no call into OpenSSL.
/// </summary>
internal sealed class TokenTextComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<char>, byte[]>
{
    // Keys up to this length are widened on the stack to be hashed as the characters they were added from.
    private const int StackLength = 2048;

    private readonly long _seed = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(sizeof(long)));

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    // Adding and removing only: a lookup hashes the request's characters directly.
    public int GetHashCode(byte[] key)
    {
        var wide = key.Length <= StackLength ? stackalloc char[key.Length] : new char[key.Length];
        Ascii.ToUtf16(key, wide, out _);
        return GetHashCode(wide);
    }

    // False for any character outside ASCII, so text that narrows to a key's bytes is not taken for it.
    public bool Equals(ReadOnlySpan<char> alternate, byte[] other) => Ascii.Equals(other, alternate);

    public int GetHashCode(ReadOnlySpan<char> alternate) => (int)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(alternate), _seed);

    public byte[] Create(ReadOnlySpan<char> alternate)
    {
        var key = new byte[alternate.Length];
        return Ascii.FromUtf16(alternate, key, out _) == OperationStatus.Done
            ? key
            : throw new ArgumentException("A token is ASCII text.", nameof(alternate));
    }
}
