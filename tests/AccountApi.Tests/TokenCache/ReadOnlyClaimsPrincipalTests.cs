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
    public void Identity_IsTheOneTheFrameworkSelects_SelectedOnce()
    {
        var shared = ReadOnlyClaimsPrincipal.CopyOf(new ClaimsPrincipal(new CaseSensitiveClaimsIdentity([new Claim("oid", "selected-once")], "Bearer")))!;
        var framework = ClaimsPrincipal.PrimaryIdentitySelector;
        var selections = 0;
        try
        {
            // Process-wide, so it answers as the framework's does for every principal, and counts this one's selections only.
            ClaimsPrincipal.PrimaryIdentitySelector = identities =>
            {
                if (identities.FirstOrDefault()?.FindFirst("oid")?.Value == "selected-once")
                {
                    Interlocked.Increment(ref selections);
                }

                return framework(identities);
            };

            for (var read = 0; read < 100; read++)
            {
                Assert.Same(shared.Identities.Single(), shared.Identity);
            }
        }
        finally
        {
            ClaimsPrincipal.PrimaryIdentitySelector = framework;
        }

        // The framework selects again on every read (100 selections).
        Assert.Equal(1, selections);
    }

    [Fact]
    public void Identity_FollowsAnotherPrimaryIdentitySelector()
    {
        var shared = ReadOnlyClaimsPrincipal.CopyOf(new ClaimsPrincipal(new CaseSensitiveClaimsIdentity([new Claim("oid", "selector-test")], "Bearer")))!;
        Assert.NotNull(shared.Identity);
        var framework = ClaimsPrincipal.PrimaryIdentitySelector;
        try
        {
            // Process-wide, so it answers as the framework's does for every other principal of the tests running beside.
            ClaimsPrincipal.PrimaryIdentitySelector = identities =>
                identities.FirstOrDefault() is { } first && first.FindFirst("oid")?.Value == "selector-test" ? null : framework(identities);

            Assert.Null(shared.Identity);
        }
        finally
        {
            ClaimsPrincipal.PrimaryIdentitySelector = framework;
        }

        Assert.NotNull(shared.Identity);
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
