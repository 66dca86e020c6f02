using System.IO.Hashing;
using System.Security.Cryptography;

namespace AccountApi.TokenCache;

/// <summary>
/// Tokens compared by their ASCII text: XXH3, seeded once per process from the system's random source, finds the
/// entry (no one outside the process can aim tokens at one bucket), and an exact comparison of every byte confirms it.
/// A hit costs a small fraction of a SHA-256 and makes no call into OpenSSL.
/// </summary>
internal sealed class TokenTextComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    private readonly long _seed = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(sizeof(long)));

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] token) => GetHashCode((ReadOnlySpan<byte>)token);

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<byte> alternate) => (int)XxHash3.HashToUInt64(alternate, _seed);

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
}
