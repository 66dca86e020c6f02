using System.Collections.ObjectModel;
using Microsoft.AspNetCore.Authentication;

namespace AccountApi.Authentication;

/// <summary>
/// A successful authentication result shared by every request that presents the same token (the validated-token
/// cache's hits), built once with the completed task that returns it, so that answering a hit allocates nothing.
/// </summary>
/// <remarks>
/// Nothing in it can be changed by one request and seen by another: the principal is a
/// <see cref="ReadOnlyClaimsPrincipal"/>, and the ticket carries no properties and accepts none (writing throws).
/// </remarks>
internal sealed class SharedAuthenticateResult : AuthenticateResult
{
    private static readonly AuthenticationProperties s_noProperties =
        new(ReadOnlyDictionary<string, string?>.Empty, ReadOnlyDictionary<string, object?>.Empty);

    public SharedAuthenticateResult(ReadOnlyClaimsPrincipal principal, string scheme)
    {
        Ticket = new AuthenticationTicket(principal, s_noProperties, scheme);
        Properties = s_noProperties;
        AsTask = Task.FromResult<AuthenticateResult>(this);
    }

    /// <summary>This result as a completed task, for every caller that must return one.</summary>
    public Task<AuthenticateResult> AsTask { get; }
}
