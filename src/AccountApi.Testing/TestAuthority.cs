using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using AccountApi.Entra;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.Testing;

/// <summary>
/// An Entra ID v2.0-shaped authority in memory: it publishes discovery documents and a JWKS through
/// <see cref="Handler"/> (give it to JwtBearer as its backchannel) and signs tokens with a real RSA key.
/// A second key, <see cref="UnpublishedKey"/>, signs tokens the API must not trust.
/// </summary>
public sealed class TestAuthority : IDisposable
{
    private readonly RSA _unpublishedRsa = RSA.Create(2048);
    private readonly List<RSA> _retiredRsa = [];
    private volatile RSA _publishedRsa = RSA.Create(2048);
    private volatile RsaSecurityKey _signingKey;
    private int _metadataRequests;

    public TestAuthority(string instance = "https://login.accountapi.test/")
    {
        Instance = instance.EndsWith('/') ? instance : instance + "/";
        _signingKey = new RsaSecurityKey(_publishedRsa) { KeyId = "published-key-1" };
        UnpublishedKey = new RsaSecurityKey(_unpublishedRsa) { KeyId = "unpublished-key" };
        Handler = new MetadataHandler(this);
        KeyIssuer = EntraUrls.Issuer(Instance, EntraUrls.TenantIdTemplate);
    }

    /// <summary>The authority's base address, e.g. <c>https://login.accountapi.test/</c>, for <c>AzureAd:Instance</c>.</summary>
    public string Instance { get; }

    /// <summary>The key the authority signs with and publishes; <see cref="RotateSigningKey"/> replaces it.</summary>
    public RsaSecurityKey SigningKey => _signingKey;

    public RsaSecurityKey UnpublishedKey { get; }

    /// <summary>Answers discovery and JWKS requests for any directory under <see cref="Instance"/>.</summary>
    public HttpMessageHandler Handler { get; }

    /// <summary>
    /// While false, every discovery and JWKS request fails with 503, as during an authority outage: for readiness
    /// probes and for what the API does when it cannot get the keys.
    /// </summary>
    public bool MetadataAvailable { get; set; } = true;

    /// <summary>
    /// The <c>issuer</c> each published key carries in the JWKS, as Entra's do: by default its multi-tenant template
    /// (<c>{instance}/{tenantid}/v2.0</c>), which names every directory. A key published for one directory only
    /// (another's issuer here) must not validate the tokens of any other. Null publishes keys without one.
    /// </summary>
    public string? KeyIssuer { get; set; }

    /// <summary>How many discovery and JWKS documents have been served.</summary>
    public int MetadataRequests => Volatile.Read(ref _metadataRequests);

    /// <summary>The issuer Entra ID puts in v2.0 tokens of <paramref name="directoryId"/>.</summary>
    public string IssuerFor(Guid directoryId) => EntraUrls.Issuer(Instance, directoryId);

    /// <summary>A delegated (user) token of <paramref name="directoryId"/> for <paramref name="audience"/>, to vary and build.</summary>
    public TestTokenBuilder UserToken(Guid directoryId, string audience) =>
        new(this, new TestAccessToken { DirectoryId = directoryId, Audience = audience });

    /// <summary>An application-only token (client credentials) of <paramref name="directoryId"/> with app <paramref name="roles"/>.</summary>
    public TestTokenBuilder AppToken(Guid directoryId, string audience, params string[] roles) =>
        new(this, TestAccessToken.AppOnly(directoryId, audience, roles));

    /// <summary>
    /// Withdraws the published key and publishes a new one under a new <c>kid</c>, as an authority does after a key
    /// compromise: tokens signed before the rotation must be refused once the API has fetched the new keys.
    /// </summary>
    public RsaSecurityKey RotateSigningKey()
    {
        lock (_retiredRsa)
        {
            _retiredRsa.Add(_publishedRsa);
            var rsa = RSA.Create(2048);
            var key = new RsaSecurityKey(rsa) { KeyId = $"published-key-{_retiredRsa.Count + 1}" };
            _publishedRsa = rsa;
            _signingKey = key;
            return key;
        }
    }

    /// <summary>Signs <paramref name="token"/> as this authority would, or with <paramref name="key"/> if given.</summary>
    public string Sign(TestAccessToken token, SecurityKey? key = null)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = token.Issuer ?? IssuerFor(token.DirectoryId),
            Audience = token.Audience,
            IssuedAt = token.IssuedAt.UtcDateTime,
            NotBefore = token.NotBefore.UtcDateTime,
            Expires = token.Expires.UtcDateTime,
            Claims = token.Claims(),
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public void Dispose()
    {
        _publishedRsa.Dispose();
        _unpublishedRsa.Dispose();
        _retiredRsa.ForEach(rsa => rsa.Dispose());
        Handler.Dispose();
    }

    private sealed class MetadataHandler(TestAuthority authority) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref authority._metadataRequests);
            if (!authority.MetadataAvailable)
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
            }

            var path = request.RequestUri!.AbsoluteUri;
            if (!path.StartsWith(authority.Instance, StringComparison.Ordinal))
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
            }

            var segments = path[authority.Instance.Length..].Split('/');
            var directory = segments[0];
            object? document = string.Join('/', segments[1..]) switch
            {
                "v2.0/.well-known/openid-configuration" => authority.Discovery(directory),
                "discovery/v2.0/keys" => authority.Jwks(),
                _ => null,
            };
            var response = document is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent(JsonSerializer.Serialize(document), Encoding.UTF8, "application/json"),
                };
            return Task.FromResult(response);
        }
    }

    private Dictionary<string, object> Discovery(string directory)
    {
        var isMultiTenant = directory is "organizations" or "common";
        return new Dictionary<string, object>
        {
            ["issuer"] = EntraUrls.Issuer(Instance, isMultiTenant ? EntraUrls.TenantIdTemplate : directory),
            ["jwks_uri"] = EntraUrls.Keys(Instance, directory),
            ["authorization_endpoint"] = EntraUrls.Authorize(Instance, directory),
            ["token_endpoint"] = EntraUrls.Token(Instance, directory),
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "pairwise" },
        };
    }

    private object Jwks()
    {
        var published = SigningKey;
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(published.Rsa.ExportParameters(includePrivateParameters: false)) { KeyId = published.KeyId });
        var key = new Dictionary<string, string> { ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = jwk.Kid, ["n"] = jwk.N, ["e"] = jwk.E };
        return new
        {
            keys = new[]
            {
                KeyIssuer is null ? key : new Dictionary<string, string>(key) { ["issuer"] = KeyIssuer },
            },
        };
    }
}
