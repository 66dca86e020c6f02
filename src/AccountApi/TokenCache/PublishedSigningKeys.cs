using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using AccountApi.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.TokenCache;

/// <summary>
/// The signing keys published in the metadata the full pipeline validates with now, by identity (<c>kid</c> and
/// RFC 7638 thumbprint: a key republished under the same <c>kid</c> with other material is another key): a snapshot
/// replaced whenever the configuration manager hands out new metadata (<see cref="BoundedConfigurationManager.Updated"/>),
/// so that a cache hit reads a set and asks nothing. Announces each new set, so that tokens signed with a withdrawn key
/// are dropped at once rather than left to expire.
/// </summary>
internal sealed class PublishedSigningKeys
{
    // Computed once per key object: the configuration's keys are the objects tokens are validated with.
    private readonly ConditionalWeakTable<SecurityKey, string> _identities = [];
    private readonly Lock _takeGate = new();
    private volatile Snapshot _published = new(null, FrozenSet<string>.Empty);

    public PublishedSigningKeys(IOptionsMonitor<JwtBearerOptions> jwtBearer, Action<FrozenSet<string>> changed)
    {
        Changed = changed;
        // Without the service's own manager there is no snapshot: nothing is published, every request takes the full pipeline.
        if (jwtBearer.Get(JwtBearerDefaults.AuthenticationScheme).ConfigurationManager is BoundedConfigurationManager manager)
        {
            manager.Updated += Take;
            if (manager.Current is { } current)
            {
                Take(current);
            }
        }
    }

    private Action<FrozenSet<string>> Changed { get; }

    /// <summary>The key's identity, or null for a key without the material to compute one.</summary>
    public string? IdentityOf(SecurityKey key) =>
        _identities.GetValue(key, static key => key.CanComputeJwkThumbprint()
            ? $"{key.KeyId}:{Base64UrlEncoder.Encode(key.ComputeJwkThumbprint())}"
            : string.Empty) is { Length: > 0 } identity ? identity : null;

    /// <summary>Whether the key is in the current metadata (none yet: no).</summary>
    public bool IsPublished(string identity) => _published.Identities.Contains(identity);

    // The first metadata seen is announced too: entries may have been added before it arrived.
    private void Take(OpenIdConnectConfiguration configuration)
    {
        lock (_takeGate)
        {
            if (ReferenceEquals(_published.Configuration, configuration))
            {
                return;
            }

            var identities = configuration.SigningKeys.Select(IdentityOf).OfType<string>().ToFrozenSet(StringComparer.Ordinal);
            var previous = _published;
            _published = new Snapshot(configuration, identities);
            if (previous.Configuration is null || !previous.Identities.SetEquals(identities))
            {
                Changed(identities);
            }
        }
    }

    private sealed record Snapshot(OpenIdConnectConfiguration? Configuration, FrozenSet<string> Identities);
}
