using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using AccountApi.Authentication;
using AccountApi.Tenancy;
using Microsoft.AspNetCore.Http.Features;

namespace AccountApi.RateLimiting;

/// <summary>
/// Whose budget a request spends. Keys come from the connection, the validated token and the permitted tenancy,
/// never from a header the caller writes (<c>X-Forwarded-For</c> counts only once ForwardedHeaders has checked that it
/// came from a configured proxy).
/// </summary>
internal static class RateLimitPartitions
{
    private const int IPv6SubnetBits = 64;
    private const int IPv6SiteBits = 48;

    // Requests without an address (a Unix socket, an in-process server) share one budget rather than escape it.
    private static readonly UInt128 s_noAddress = UInt128.MaxValue;

    /// <summary>
    /// The client address as a number: an IPv4 address as its IPv4-mapped IPv6 form, an IPv6 client by its /64, which
    /// one host usually holds whole and could rotate through. <paramref name="site"/>: an IPv6 client's /48, the prefix
    /// a site is commonly given (65,536 /64s, so without this wider tier one site could multiply its budget); IPv4: none.
    /// </summary>
    public static UInt128 AddressKey(HttpContext context, out UInt128? site)
    {
        site = null;
        // The connection feature itself (which ForwardedHeaders rewrites), not context.Connection, which is allocated
        // for the request on first use.
        if (context.Features.Get<IHttpConnectionFeature>()?.RemoteIpAddress is not { } address)
        {
            return s_noAddress;
        }

        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(bytes[12..], out _);
            bytes[10] = bytes[11] = 0xFF;
            return BinaryPrimitives.ReadUInt128BigEndian(bytes);
        }

        address.TryWriteBytes(bytes, out _);
        var value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        if (address.IsIPv4MappedToIPv6)
        {
            return value;
        }

        site = value >> (128 - IPv6SiteBits) << (128 - IPv6SiteBits);
        return value >> (128 - IPv6SubnetBits) << (128 - IPv6SubnetBits);
    }

    /// <summary>Whose budget of <paramref name="tier"/> ran out, for the log line of a refusal (formatted only then).</summary>
    public static string Describe(HttpContext context, string tier)
    {
        switch (tier)
        {
            case "per-address" or "per-network":
                var key = AddressKey(context, out var site);
                if (key == s_noAddress)
                {
                    return "address:none";
                }

                var (value, bits) = tier == "per-network" && site is { } network ? (network, IPv6SiteBits) : (key, IPv6SubnetBits);
                Span<byte> bytes = stackalloc byte[16];
                BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
                var address = new IPAddress(bytes);
                return address.IsIPv4MappedToIPv6 ? $"address:{address.MapToIPv4()}" : $"{(bits == IPv6SiteBits ? "network" : "address")}:{address}/{bits}";
            case "per-tenancy":
                return $"tenancy:{TenancyContext.Of(context).Tenancy?.Name}";
            case "per-operator":
                return "operator:" + ValidatedCaller.Of(context.User).RateLimitPartition;
            default:
                return ValidatedCaller.Of(context.User).RateLimitPartition;
        }
    }
}
