using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using AccountApi.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.TokenCache;

/// <summary>
/// The signing keys published in the metadata the full pipeline would validate with now, by identity (<c>kid</c> and
/// RFC 7638 thumbprint: a key republished under the same <c>kid</c> with other material is another key). Announces
/// each new set, so that tokens signed with a withdrawn key are dropped at once rather than left to expire.
/// </summary>
internal sealed class PublishedSigningKeys(IOptionsMonitor<JwtBearerOptions> jwtBearer)
{
    // Computed once per key object: the configuration's keys are the objects tokens are validated with.
    private readonly ConditionalWeakTable<SecurityKey, string> _identities = [];
    private volatile Snapshot _published = new(null, FrozenSet<string>.Empty);

    /// <summary>A new set of published key identities, different from the last one seen (or the first one).</summary>
    public event Action<FrozenSet<string>>? Changed;

    /// <summary>The key's identity, or null for a key without the material to compute one.</summary>
    public string? IdentityOf(SecurityKey key) =>
        _identities.GetValue(key, static key => key.CanComputeJwkThumbprint()
            ? $"{key.KeyId}:{Base64UrlEncoder.Encode(key.ComputeJwkThumbprint())}"
            : string.Empty) is { Length: > 0 } identity ? identity : null;

    /// <summary>
    /// Whether the key is in the current metadata. Asking the configuration manager on every hit is what keeps its
    /// automatic refresh running when nearly every request is a hit; it answers from memory, so a hit does not wait,
    /// and awaits only while the manager fetches.
    /// </summary>
    public ValueTask<bool> IsPublishedAsync(string identity, CancellationToken cancellationToken)
    {
        if (jwtBearer.Get(JwtBearerDefaults.AuthenticationScheme).ConfigurationManager is not { } manager)
        {
            return ValueTask.FromResult(false);
        }

        var configuration = manager.GetConfigurationAsync(cancellationToken);
        return configuration.IsCompletedSuccessfully
            ? ValueTask.FromResult(IsPublished(configuration.Result, identity))
            : AwaitPublishedAsync(configuration, identity);
    }

    private async ValueTask<bool> AwaitPublishedAsync(Task<OpenIdConnectConfiguration> pending, string identity)
    {
        try
        {
            return IsPublished(await pending.ConfigureAwait(false), identity);
        }
        catch (AuthorityUnavailableException)
        {
            // No metadata at all: the full pipeline answers this request (503 authority_unavailable).
            return false;
        }
    }

    private bool IsPublished(OpenIdConnectConfiguration configuration, string identity)
    {
        var published = _published;
        if (!ReferenceEquals(published.Configuration, configuration))
        {
            published = Take(configuration);
        }

        return published.Identities.Contains(identity);
    }

    // The first metadata seen is announced too: entries may have been added before any hit asked for it.
    private Snapshot Take(OpenIdConnectConfiguration configuration)
    {
        var identities = configuration.SigningKeys.Select(IdentityOf).OfType<string>().ToFrozenSet(StringComparer.Ordinal);
        var previous = _published;
        var published = new Snapshot(configuration, identities);
        _published = published;
        if (previous.Configuration is null || !previous.Identities.SetEquals(identities))
        {
            Changed?.Invoke(identities);
        }

        return published;
    }

    private sealed record Snapshot(OpenIdConnectConfiguration? Configuration, FrozenSet<string> Identities);
}
