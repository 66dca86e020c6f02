using System.Security.Claims;
using System.Security.Principal;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.Authentication;

/// <summary>
/// A cached principal, shared by every request that presents the same token: adding or removing claims or identities
/// throws instead of leaking into other requests. <see cref="ClaimsPrincipal.Clone"/> gives a private, mutable copy.
/// </summary>
internal sealed class ReadOnlyClaimsPrincipal : ClaimsPrincipal
{
    // The primary identity, kept with the selector that chose it: the identities never change, so only another
    // PrimaryIdentitySelector could choose otherwise. The framework selects again on every read (a delegate call and an
    // enumeration of the identities), and a request reads it several times (rate limits, tenancy, authorization).
    private volatile SelectedIdentity _primary;

    private ReadOnlyClaimsPrincipal(ReadOnlyClaimsIdentity identity)
        : base(identity)
    {
        _primary = new(PrimaryIdentitySelector, base.Identity);
        Facts = ValidatedCaller.Read(this);
    }

    /// <summary>What the service reads from the claims, read once for every request that shares this principal.</summary>
    public ValidatedCaller Facts { get; }

    /// <summary>
    /// A read-only copy of <paramref name="principal"/>'s single identity. Built from the claims alone, so the copy
    /// keeps neither the token (<c>SecurityToken</c>, <c>BootstrapContext</c>) nor the validator's objects.
    /// </summary>
    /// <returns>Null unless <paramref name="principal"/> has exactly one identity, authenticated: the shape JwtBearer makes.</returns>
    public static ReadOnlyClaimsPrincipal? CopyOf(ClaimsPrincipal principal) =>
        principal.Identities.Count() == 1 && principal.Identity is ClaimsIdentity { IsAuthenticated: true } identity
            ? new ReadOnlyClaimsPrincipal(new ReadOnlyClaimsIdentity(identity))
            : null;

    public override IIdentity? Identity
    {
        get
        {
            var selector = PrimaryIdentitySelector;
            var primary = _primary;
            if (!ReferenceEquals(primary.Selector, selector))
            {
                _primary = primary = new(selector, base.Identity);
            }

            return primary.Identity;
        }
    }

    public override void AddIdentity(ClaimsIdentity identity) => throw ReadOnlyClaimsIdentity.Shared();

    public override void AddIdentities(IEnumerable<ClaimsIdentity> identities) => throw ReadOnlyClaimsIdentity.Shared();

    // The framework's Clone shares the identities; this one copies them, so the copy can be changed.
    public override ClaimsPrincipal Clone() => new(Identities.Select(identity => identity.Clone()));

    private sealed record SelectedIdentity(Func<IEnumerable<ClaimsIdentity>, ClaimsIdentity?> Selector, IIdentity? Identity);
}

/// <summary>A case-sensitive identity (as IdentityModel builds them) whose claims cannot change.</summary>
internal sealed class ReadOnlyClaimsIdentity : CaseSensitiveClaimsIdentity
{
    private readonly bool _sealed;

    public ReadOnlyClaimsIdentity(ClaimsIdentity source)
        : base(source.Claims, source.AuthenticationType, source.NameClaimType, source.RoleClaimType)
    {
        _sealed = true;
    }

    public override void AddClaim(Claim claim)
    {
        ThrowIfSealed();
        base.AddClaim(claim);
    }

    public override void AddClaims(IEnumerable<Claim?> claims)
    {
        ThrowIfSealed();
        base.AddClaims(claims);
    }

    public override void RemoveClaim(Claim? claim)
    {
        ThrowIfSealed();
        base.RemoveClaim(claim);
    }

    public override bool TryRemoveClaim(Claim? claim)
    {
        ThrowIfSealed();
        return base.TryRemoveClaim(claim);
    }

    public override ClaimsIdentity Clone() => new CaseSensitiveClaimsIdentity(Claims, AuthenticationType, NameClaimType, RoleClaimType);

    internal static InvalidOperationException Shared() => new(
        "This principal comes from the validated-token cache and is shared by every request presenting the same token: " +
        "it cannot be changed. Clone() it to work on a private copy.");

    // The base constructor may add the copied claims through these members; only later changes are refused.
    private void ThrowIfSealed()
    {
        if (_sealed)
        {
            throw Shared();
        }
    }
}
