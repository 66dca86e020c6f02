using System.Security.Claims;
using AccountApi.Authentication;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.Tests.TokenCache;

/// <summary>The cached principal is shared by every request that presents the token, so it must not change.</summary>
public sealed class ReadOnlyClaimsPrincipalTests
{
    private static readonly ClaimsPrincipal s_validated = new(new CaseSensitiveClaimsIdentity(
        [new Claim("oid", "alice"), new Claim("scp", "Account.Read")], "AuthenticationTypes.Federation", "name", "roles")
    {
        BootstrapContext = "the.raw.token",
    });

    [Fact]
    public void Copy_CannotGainOrLoseClaimsOrIdentities()
    {
        var shared = ReadOnlyClaimsPrincipal.CopyOf(s_validated)!;
        var identity = (ClaimsIdentity)shared.Identity!;

        Assert.Throws<InvalidOperationException>(() => identity.AddClaim(new Claim("roles", "Admin")));
        Assert.Throws<InvalidOperationException>(() => identity.AddClaims([new Claim("roles", "Admin")]));
        Assert.Throws<InvalidOperationException>(() => identity.RemoveClaim(identity.FindFirst("scp")));
        Assert.Throws<InvalidOperationException>(() => identity.TryRemoveClaim(identity.FindFirst("scp")));
        Assert.Throws<InvalidOperationException>(() => shared.AddIdentity(new ClaimsIdentity([new Claim("roles", "Admin")], "x")));
        Assert.Equal(["alice", "Account.Read"], shared.Claims.Select(claim => claim.Value));
    }

    [Fact]
    public void Copy_KeepsTheClaimsAndTheirCaseSensitiveLookUp_ButNotTheToken()
    {
        var shared = ReadOnlyClaimsPrincipal.CopyOf(s_validated)!;
        var identity = Assert.IsAssignableFrom<CaseSensitiveClaimsIdentity>(shared.Identity);

        Assert.True(identity.IsAuthenticated);
        Assert.Equal("alice", shared.FindFirst("oid")?.Value);
        Assert.Null(shared.FindFirst("OID"));
        Assert.Null(identity.BootstrapContext);
        Assert.Null(identity.SecurityToken);
        Assert.All(identity.Claims, claim => Assert.Same(identity, claim.Subject));
    }

    [Fact]
    public void Copy_IsOnlyMadeOfOneAuthenticatedIdentity()
    {
        Assert.Null(ReadOnlyClaimsPrincipal.CopyOf(new ClaimsPrincipal(new ClaimsIdentity([new Claim("oid", "alice")]))));
        Assert.Null(ReadOnlyClaimsPrincipal.CopyOf(new ClaimsPrincipal([new ClaimsIdentity("a"), new ClaimsIdentity("b")])));
    }

    [Fact]
    public void Clone_IsAPrivateCopyThatCanChange()
    {
        var shared = ReadOnlyClaimsPrincipal.CopyOf(s_validated)!;

        var copy = shared.Clone();
        ((ClaimsIdentity)copy.Identity!).AddClaim(new Claim("roles", "Admin"));

        Assert.True(copy.HasClaim("roles", "Admin"));
        Assert.False(shared.HasClaim("roles", "Admin"));
    }
}
