using System.Net.Sockets;
using System.Net;
using Microsoft.AspNetCore.Http.Features;
using AccountApi.Authentication;
using AccountApi.Tenancy;

namespace AccountApi.RateLimiting;

/// <summary>
/// Whose budget a request spends. Keys come from the connection, the validated token and the permitted tenancy,
/// never from a header the caller writes (<c>X-Forwarded-For</c> counts only once ForwardedHeaders has checked that it
/// came from a configured proxy). Null means the tier does not apply.
/// </summary>
internal static class RateLimitPartitions
{
    private const int IPv6SubnetBytes = 8;
    private const int IPv6SiteBytes = 6;

    /// <summary>The client address; an IPv6 client by its /64, which one host usually holds whole and could rotate through.</summary>
    public static string? ClientAddress(HttpContext context)
    {
        // The connection feature itself (which ForwardedHeaders rewrites), not context.Connection, which is allocated
        // for the request on first use.
        var address = context.Features.Get<IHttpConnectionFeature>()?.RemoteIpAddress;
        if (address is null)
        {
            // No address (a Unix socket, an in-process server): such requests share one budget rather than escape it.
            return "address:none";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            Span<byte> bytes = stackalloc byte[16];
            address.TryWriteBytes(bytes, out _);
            bytes[IPv6SubnetBytes..].Clear();
            return $"address:{new IPAddress(bytes)}/64";
        }

        return $"address:{address}";
    }

    /// <summary>
    /// An IPv6 client's /48, the prefix a site is commonly given: it holds 65,536 /64s, each with its own per-address
    /// budget, so without this wider tier one site could multiply its budget by rotating through them. IPv4: none.
    /// </summary>
    public static string? ClientNetwork(HttpContext context)
    {
        var address = context.Features.Get<IHttpConnectionFeature>()?.RemoteIpAddress;
        if (address is null || address.AddressFamily != AddressFamily.InterNetworkV6 || address.IsIPv4MappedToIPv6)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[IPv6SiteBytes..].Clear();
        return $"network:{new IPAddress(bytes)}/48";
    }

    /// <summary>The validated caller: a user by directory and object id, an application by directory and client id.</summary>
    public static string? Caller(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            // Not validated: nothing in the token can be trusted; the address tier has already counted the request.
            return null;
        }

        return ValidatedCaller.Of(user).RateLimitPartition;
    }

    /// <summary>The validated caller of an operator's route (<see cref="OperatorRouteAttribute"/>); null on any other.</summary>
    public static string? Operator(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<OperatorRouteAttribute>() is not null && Caller(context) is { } caller
            ? "operator:" + caller
            : null;

    /// <summary>The tenancy the caller was permitted to use; a tenancy merely named in the header is not charged.</summary>
    public static string? Tenancy(HttpContext context)
    {
        var tenancy = TenancyContext.Of(context);
        return tenancy is { IsPermitted: true, Tenancy: { } permitted } ? $"tenancy:{permitted.Name}" : null;
    }
}
