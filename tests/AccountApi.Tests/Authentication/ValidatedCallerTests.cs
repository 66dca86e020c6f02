using System.Security.Claims;
using AccountApi.Authentication;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.Tests.Authentication;

/// <summary>
/// How a validated principal's claims are read (once per token): which tokens are an application's own, which a
/// user's, and which claim counts when a token repeats one. The requests that depend on these are tested end to end
/// elsewhere; here are the cases a signed token from the test authority rarely carries.
/// </summary>
public sealed class ValidatedCallerTests
{
    private const string Directory = "c0c0c0c0-0000-4000-8000-000000000001";
    private const string ObjectId = "0b8c6e3a-2f4d-4c1e-9a7b-5d6e7f8a9b0c";

    [Fact]
    public void UserToken_IsDelegated_WithItsScopesFromEveryScpClaim()
    {
        var caller = Read(("tid", Directory), ("oid", ObjectId), ("sub", "pairwise-subject"), ("scp", "Account.Read  Reports.Read"), ("scp", "Extra.Read"));

        Assert.True(caller.IsDelegated);
        Assert.False(caller.IsAppOnly);
        Assert.Equal(["Account.Read", "Reports.Read", "Extra.Read"], caller.Scopes);
        Assert.Equal($"user:{Directory}/{ObjectId}", caller.RateLimitPartition);
        Assert.Equal(Guid.Parse(Directory), caller.Directory);
    }

    [Fact]
    public void TokenMarkedApp_WithoutScp_IsAppOnly_AndItsBudgetIsTheClients()
    {
        var caller = Read(("tid", Directory), ("oid", ObjectId), ("sub", "another"), ("azp", "client-id"), ("idtyp", "app"), ("roles", "Tenancies.Admin"));

        Assert.True(caller.IsAppOnly);
        Assert.False(caller.IsDelegated);
        Assert.Equal(["Tenancies.Admin"], caller.Roles);
        Assert.Equal($"app:{Directory}/client-id", caller.RateLimitPartition);
    }

    [Fact]
    public void SubjectEqualToObjectId_WithoutScp_IsAppOnly_WhateverTheCase()
    {
        var caller = Read(("tid", Directory), ("oid", ObjectId), ("sub", ObjectId.ToUpperInvariant()), ("roles", "Account.Reader"));

        Assert.True(caller.IsAppOnly);
        Assert.False(caller.IsDelegated);
    }

    [Fact]
    public void UserTokenWithRolesAndNoScp_IsNeitherAppOnlyNorProvedAnApplication()
    {
        // A role assignable to users gives a user's token roles and no scp: that alone does not make it an app's.
        var caller = Read(("tid", Directory), ("oid", ObjectId), ("sub", "pairwise-subject"), ("roles", "Account.Reader"));

        Assert.False(caller.IsAppOnly);
        Assert.True(caller.IsDelegated);
        Assert.Empty(caller.Scopes);
    }

    [Fact]
    public void TokenMarkedApp_WithScp_IsNeitherAppOnlyNorDelegated()
    {
        var caller = Read(("tid", Directory), ("oid", ObjectId), ("idtyp", "app"), ("scp", "Account.Read"));

        Assert.False(caller.IsAppOnly);
        Assert.False(caller.IsDelegated);
    }

    [Fact]
    public void RepeatedClaim_TheFirstCounts_AndTypesAreCaseSensitive()
    {
        var caller = Read(("OID", "upper-case-type"), ("oid", ObjectId), ("oid", "second"), ("tid", Directory), ("name", "Alice Adams"),
            ("Name", "Mallory"), ("preferred_username", "alice@contoso.example"), ("acrs", "c1"), ("acrs", "c2"), ("scp", "Account.Read"));

        Assert.Equal(ObjectId, caller.ObjectId);
        Assert.Equal("Alice Adams", caller.Name);
        Assert.Equal("alice@contoso.example", caller.Username);
        Assert.Equal(["c1", "c2"], caller.AuthenticationContexts);
    }

    [Fact]
    public void DirectoryThatIsNotAGuid_HasNoDirectory()
    {
        var caller = Read(("tid", "contoso.example"), ("oid", ObjectId), ("scp", "Account.Read"));

        Assert.Equal("contoso.example", caller.DirectoryId);
        Assert.Null(caller.Directory);
    }

    private static ValidatedCaller Read(params (string Type, string Value)[] claims) =>
        ValidatedCaller.Of(new ClaimsPrincipal(new CaseSensitiveClaimsIdentity(claims.Select(claim => new Claim(claim.Type, claim.Value)), "Bearer")));
}
