namespace AccountApi.Testing;

/// <summary>
/// Builds one access token signed by a <see cref="TestAuthority"/>: valid by default, or broken in exactly one way an
/// attacker or a misconfigured client would break it. Start from <see cref="TestAuthority.UserToken"/>,
/// <see cref="TestAuthority.AppToken"/> or the factory's shortcuts.
/// </summary>
public sealed class TestTokenBuilder
{
    /// <summary>An application id no API uses: the audience of <see cref="WithWrongAudience"/>.</summary>
    public const string ForeignAudience = "99999999-9999-4999-8999-999999999999";

    private readonly TestAuthority _authority;
    private Forgery _forgery;

    internal TestTokenBuilder(TestAuthority authority, TestAccessToken claims) => (_authority, Claims) = (authority, claims);

    private enum Forgery
    {
        None,
        UnknownKey,
        AlgorithmNone,
        HmacWithPublicKey,
    }

    /// <summary>The claims so far; <see cref="With"/> changes any of them.</summary>
    public TestAccessToken Claims { get; private set; }

    /// <summary>The delegated scopes (<c>scp</c>), e.g. <c>Account.Read</c>; none at all leaves <c>scp</c> out.</summary>
    public TestTokenBuilder WithScopes(params string[] scopes) => With(t => t with { Scopes = scopes.Length == 0 ? null : string.Join(' ', scopes) });

    /// <summary>App roles (<c>roles</c>).</summary>
    public TestTokenBuilder WithRoles(params string[] roles) => With(t => t with { Roles = roles });

    /// <summary>Client capabilities (<c>xms_cc</c>), e.g. <c>cp1</c>.</summary>
    public TestTokenBuilder WithClientCapabilities(params string[] capabilities) => With(t => t with { ClientCapabilities = capabilities });

    /// <summary>Valid from a minute ago for <paramref name="lifetime"/> from now.</summary>
    public TestTokenBuilder WithLifetime(TimeSpan lifetime)
    {
        var now = DateTimeOffset.UtcNow;
        return With(t => t with { IssuedAt = now.AddMinutes(-1), NotBefore = now.AddMinutes(-1), Expires = now + lifetime });
    }

    /// <summary>Any other change: <c>.With(t =&gt; t with { Name = "Bob" })</c>.</summary>
    public TestTokenBuilder With(Func<TestAccessToken, TestAccessToken> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Claims = change(Claims);
        return this;
    }

    /// <summary>Broken: expired ten minutes ago, beyond any usual clock skew.</summary>
    public TestTokenBuilder Expired()
    {
        var now = DateTimeOffset.UtcNow;
        return With(t => t with { IssuedAt = now.AddHours(-2), NotBefore = now.AddHours(-2), Expires = now.AddMinutes(-10) });
    }

    /// <summary>Broken: issued for another API (<see cref="ForeignAudience"/>).</summary>
    public TestTokenBuilder WithWrongAudience() => With(t => t with { Audience = ForeignAudience });

    /// <summary>Broken: the issuer of another authority, for the token's own directory.</summary>
    public TestTokenBuilder WithWrongIssuer() => With(t => t with { Issuer = $"https://login.evil.example/{t.DirectoryId}/v2.0" });

    /// <summary>Broken: signed by a key the authority never published.</summary>
    public TestTokenBuilder SignedWithUnknownKey() => Forge(Forgery.UnknownKey);

    /// <summary>Broken: <c>alg: none</c> and no signature.</summary>
    public TestTokenBuilder WithAlgorithmNone() => Forge(Forgery.AlgorithmNone);

    /// <summary>Broken: HS256 with the authority's public key as the secret (algorithm confusion).</summary>
    public TestTokenBuilder WithHmacKeyConfusion() => Forge(Forgery.HmacWithPublicKey);

    /// <summary>The compact JWS to put after <c>Bearer </c>.</summary>
    public string Build() => _forgery switch
    {
        Forgery.UnknownKey => _authority.Sign(Claims, _authority.UnpublishedKey),
        Forgery.AlgorithmNone => HostileTokens.WithAlgorithmNone(_authority.Sign(Claims)),
        Forgery.HmacWithPublicKey => HostileTokens.HmacWithPublicKey(_authority.Sign(Claims), _authority.SigningKey),
        _ => _authority.Sign(Claims),
    };

    private TestTokenBuilder Forge(Forgery forgery)
    {
        _forgery = forgery;
        return this;
    }
}
