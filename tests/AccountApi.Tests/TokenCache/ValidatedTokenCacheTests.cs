using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Claims;
using AccountApi.Entra;
using AccountApi.Logging;
using AccountApi.Revocation;
using AccountApi.Telemetry;
using AccountApi.Tenancy;
using AccountApi.Testing;
using AccountApi.Tests.Infrastructure;
using AccountApi.TokenCache;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.TokenCache;

/// <summary>
/// The validated-token cache through the real host: a token is served from the cache only while the full pipeline
/// would still accept it, and anything else a client sends goes through the full pipeline and its refusal.
/// </summary>
public sealed class ValidatedTokenCacheTests : IDisposable
{
    private readonly AccountApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task TokenUsedAgain_IsCachedOnItsSecondAcceptance_AndServedFromTheCacheWithTheSameAnswer()
    {
        using var host = Host();
        using var client = host.Factory.CreateClient(_factory.Authority.Sign(ContosoUser), "contoso");

        using var first = await client.GetAsync("/account/me");
        Assert.Equal(0, host.Cache.Count);
        using var second = await client.GetAsync("/account/me");
        using var third = await client.GetAsync("/account/me");

        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await third.Content.ReadAsStringAsync());
        Assert.Equal([TokenValidationPaths.Full, TokenValidationPaths.Full, TokenValidationPaths.Cached], host.Paths());
        Assert.Equal(1, host.Cache.Count);
    }

    [Fact]
    public async Task TokenOfADirectoryNoTenancyAdmits_IsNeverCached()
    {
        // Any directory can mint valid tokens for a multi-tenant API: a stranger's would otherwise push callers out.
        using var host = Host();
        var stranger = ContosoUser with { DirectoryId = Guid.NewGuid() };
        using var client = host.Factory.CreateClient(_factory.Authority.Sign(stranger), "contoso");

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("/account/me");
            await ProblemAssert.RefusedAsync(response, "tenant_not_permitted");
        }

        Assert.Equal([TokenValidationPaths.Full, TokenValidationPaths.Full, TokenValidationPaths.Full], host.Paths());
        Assert.Equal(0, host.Cache.Count);
    }

    [Fact]
    public async Task CachedToken_IsServedUntilItExpiresBeyondTheSkew_ThenRefused()
    {
        // IdentityModel validates lifetimes on the system clock, so this waits in real time: a 1 s skew keeps it short.
        var skew = TimeSpan.FromSeconds(1);
        using var host = Host(services => services.PostConfigure<JwtBearerOptions>(
            JwtBearerDefaults.AuthenticationScheme, options => options.TokenValidationParameters.ClockSkew = skew));
        // Seconds of margin: on a loaded machine the first request (a new host) can itself take a second or two.
        var token = ContosoUser with { Expires = DateTimeOffset.UtcNow.AddSeconds(6) };
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(token.Expires.ToUnixTimeSeconds());
        using var client = host.Factory.CreateClient(_factory.Authority.Sign(token), "contoso");
        await CacheAsync(client);
        using var beforeExpiry = await client.GetAsync("/account/me");

        await Task.Delay(expiresAt + skew + TimeSpan.FromMilliseconds(300) - DateTimeOffset.UtcNow);
        using var expired = await client.GetAsync("/account/me");

        Assert.Equal(HttpStatusCode.OK, beforeExpiry.StatusCode);
        await ProblemAssert.RefusedAsync(expired, "invalid_token");
        Assert.Equal([TokenValidationPaths.Full, TokenValidationPaths.Full, TokenValidationPaths.Cached, TokenValidationPaths.Full], host.Paths());
        Assert.Equal(0, host.Cache.Count);
    }

    [Fact]
    public async Task CachedToken_IsNotServedPastItsExpiry_OnTheServiceClock()
    {
        // The cache's own check, on the service's TimeProvider: past exp + skew, the request goes to the full pipeline.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var host = Host(services => services.AddSingleton<TimeProvider>(clock));
        var token = ContosoUser with { Expires = clock.GetUtcNow().AddMinutes(5) };
        using var client = host.Factory.CreateClient(_factory.Authority.Sign(token), "contoso");
        await CacheAsync(client);

        clock.Advance(TimeSpan.FromMinutes(5) + TokenClock.Skew - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/me")).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/me")).StatusCode);

        Assert.Equal([TokenValidationPaths.Full, TokenValidationPaths.Full, TokenValidationPaths.Cached, TokenValidationPaths.Full], host.Paths());
    }

    [Fact]
    public async Task CachedToken_RevokedAfterwards_IsRefusedAtOnce()
    {
        using var host = Host();
        var jwt = _factory.Authority.Sign(ContosoUser);
        using var client = host.Factory.CreateClient(jwt, "contoso");
        await CacheAsync(client);
        Assert.Equal(1, host.Cache.Count);

        await host.Services.GetRequiredService<ITokenRevocationStore>()
            .RevokeTokenAsync(AccessTokenDigest.Of(jwt), ContosoUser.Expires, CancellationToken.None);
        using var refused = await client.GetAsync("/account/me");

        await ProblemAssert.RefusedAsync(refused, "invalid_token");
        Assert.Equal(0, host.Cache.Count);
    }

    [Fact]
    public async Task CachedToken_OfASubjectCutOffAfterwards_IsRefusedWithTheClaimsChallenge()
    {
        using var host = Host();
        var alice = ContosoUser with { ClientCapabilities = ["cp1"] };
        using var client = host.Factory.CreateClient(_factory.Authority.Sign(alice), "contoso");
        await CacheAsync(client);

        await host.Services.GetRequiredService<ITokenRevocationStore>().RevokeSubjectAsync(
            new RevocationSubject(ContosoDirectory, alice.ObjectId), DateTimeOffset.UtcNow, CancellationToken.None);
        using var refused = await client.GetAsync("/account/me");

        // The refusal is the full pipeline's: a cp1 client is told which claims to come back with.
        await ProblemAssert.RefusedAsync(refused, "invalid_token");
        Assert.StartsWith("Bearer error=\"insufficient_claims\"", ProblemAssert.Challenge(refused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigningKeyWithdrawn_EmptiesTheCacheOfItsTokens_AndTheyAreRefused()
    {
        using var host = Host(captureLogs: true);
        using var alice = host.Factory.CreateClient(_factory.Authority.Sign(ContosoUser), "contoso");
        using var bob = host.Factory.CreateClient(_factory.Authority.Sign(FabrikamUser), "fabrikam");
        await CacheAsync(alice);
        await CacheAsync(bob);
        Assert.Equal(2, host.Cache.Count);

        var newKey = _factory.Authority.RotateSigningKey();
        await host.RefreshMetadataUntilAsync(configuration => configuration.SigningKeys.All(key => key.KeyId == newKey.KeyId));
        using var refused = await alice.GetAsync("/account/me");

        await ProblemAssert.RefusedAsync(refused, "invalid_token");
        // Bob's token went with the key, before he sent it again.
        Assert.Equal(0, host.Cache.Count);
        var withdrawal = Assert.Single(host.Logs(), record => record.Id.Id == EventIds.SigningKeysWithdrawn);
        Assert.Contains("1 signing key(s); 2 cached token(s)", withdrawal.Message, StringComparison.Ordinal);
        await ProblemAssert.RefusedAsync(await bob.GetAsync("/account/me"), "invalid_token");
        // A token signed with the new key is accepted and cached.
        using var carol = host.Factory.CreateClient(_factory.Authority.Sign(ContosoUser), "contoso");
        await CacheAsync(carol);
        Assert.Equal(1, host.Cache.Count);
    }

    [Theory]
    [InlineData(1)]  // the signature's last character
    [InlineData(90)] // inside the signature
    public async Task TamperedToken_SharingAllButAFewCharactersWithACachedOne_IsRefused(int fromEnd)
    {
        using var host = Host();
        var jwt = _factory.Authority.Sign(ContosoUser);
        using var genuine = host.Factory.CreateClient(jwt, "contoso");
        await CacheAsync(genuine);

        var position = jwt.Length - fromEnd;
        var tampered = string.Concat(jwt.AsSpan(0, position), jwt[position] == 'A' ? "B" : "A", jwt.AsSpan(position + 1));
        using var forged = host.Factory.CreateClient(tampered, "contoso");

        await ProblemAssert.RefusedAsync(await forged.GetAsync("/account/me"), "invalid_token");
        Assert.Equal(HttpStatusCode.OK, (await genuine.GetAsync("/account/me")).StatusCode);
        Assert.Equal(1, host.Cache.Count);
    }

    [Fact]
    public async Task CachedToken_SentTwiceInOneRequest_IsRefusedAsJwtBearerRefusesIt()
    {
        using var host = Host();
        var jwt = _factory.Authority.Sign(ContosoUser);
        using var client = host.Factory.CreateClient(jwt, "contoso");
        await CacheAsync(client);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/me");
        request.Headers.TryAddWithoutValidation("Authorization", ["Bearer " + jwt, "Bearer " + jwt]);
        using var response = await host.Factory.CreateClient(accessToken: null, "contoso").SendAsync(request);

        await ProblemAssert.RefusedAsync(response, "invalid_token");
    }

    [Theory]
    [InlineData("Bearer   {0}  ")]
    [InlineData("bEaReR {0}")]
    [InlineData("Bearer \t{0}\t")]
    public async Task TokenWithTheHeaderSpelledDifferently_IsTheSameCacheEntry_AsJwtBearerReadsIt(string header)
    {
        // The handler hashes the token where it lies in the header: padding and the scheme's case must not make another
        // entry, nor make a cut that differs from JwtBearer's (which would never be accepted, so never cached).
        using var host = Host();
        var jwt = _factory.Authority.Sign(ContosoUser);
        for (var i = 0; i < 2; i++)
        {
            using var response = await SendAsync(host, string.Format(System.Globalization.CultureInfo.InvariantCulture, header, jwt));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var plain = await SendAsync(host, "Bearer " + jwt);

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal([TokenValidationPaths.Full, TokenValidationPaths.Full, TokenValidationPaths.Cached], host.Paths());
        Assert.Equal(1, host.Cache.Count);
    }

    [Theory]
    [InlineData("Bearer    ")]
    [InlineData("Bearer")]
    [InlineData("Bearer\t")]
    public async Task BearerWithNothingAfterIt_IsRefusedLikeNoToken(string header)
    {
        using var host = Host();

        using var response = await SendAsync(host, header);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(host.Paths());
        Assert.Equal(0, host.Cache.Count);
    }

    [Fact]
    public async Task FloodOfValidLookingJunk_NeverEntersTheCache_NorPushesOutAValidToken()
    {
        using var host = Host(settings: new() { ["TokenCache:MaxEntries"] = "50" });
        using var genuine = host.Factory.CreateClient(_factory.Authority.Sign(ContosoUser), "contoso");
        await CacheAsync(genuine);

        // Well-formed tokens an attacker can make at no cost: real claims, a published kid, signatures that do not verify;
        // unknown keys; and each variant of a header the handler could mistake for a bearer token.
        var junk = Enumerable.Range(0, 200).Select(i => (i % 4) switch
        {
            0 => HostileTokens.Tampered(_factory.Authority.Sign(ContosoUser with { TokenId = $"junk-{i}" })),
            1 => _factory.Authority.Sign(ContosoUser with { TokenId = $"junk-{i}" }, _factory.Authority.UnpublishedKey),
            2 => $"eyJhbGciOiJSUzI1NiIsImtpZCI6InB1Ymxpc2hlZC1rZXktMSJ9.{i}.{i}",
            _ => new string('A', 2_000 + i),
        });
        foreach (var token in junk)
        {
            using var attacker = host.Factory.CreateClient(token, "contoso");
            await ProblemAssert.RefusedAsync(await attacker.GetAsync("/account/me"), "invalid_token");
        }

        Assert.Equal(1, host.Cache.Count);
        Assert.Equal(HttpStatusCode.OK, (await genuine.GetAsync("/account/me")).StatusCode);
        Assert.Equal(TokenValidationPaths.Cached, host.Paths()[^1]);
    }

    [Fact]
    public async Task ManyValidTokens_HoldNoMoreEntriesThanConfigured()
    {
        using var host = Host(settings: new() { ["TokenCache:MaxEntries"] = "20" });

        for (var i = 0; i < 60; i++)
        {
            using var client = host.Factory.CreateClient(_factory.Authority.Sign(ContosoUser), "contoso");
            await CacheAsync(client);
            Assert.InRange(host.Cache.Count, 0, 20);
        }
    }

    [Fact]
    public async Task ManyTokens_AreBoundedByTheMemoryLimit_BeforeTheEntryLimit()
    {
        // 2 MB holds about 390 ordinary principals (charged about 5.3 KB each), far fewer than 1,000 entries.
        using var host = Host(settings: new() { ["TokenCache:MaxEntries"] = "1000", ["TokenCache:MaxMegabytes"] = "2" });

        for (var i = 0; i < 600; i++)
        {
            using var client = host.Factory.CreateClient(_factory.Authority.Sign(ContosoUser), "contoso");
            await CacheAsync(client);
        }

        Assert.InRange(host.Cache.Count, 200, 400);
    }

    [Fact]
    public async Task TokensUsedInAFixedRotation_AreAllCached()
    {
        // A load tool or a client cycling through its users sends tokens in a fixed order. With one "accepted once"
        // slot a token (and only odd slots in use), two tokens whose slots collided took it from each other forever
        // and were never cached: about 15% of the benchmark's 1,000 warm users. 30 tokens in a cache of 300 collided
        // in about 19 runs of 20.
        using var host = Host(settings: new() { ["TokenCache:MaxEntries"] = "300" });
        var clients = Enumerable.Range(0, 30)
            .Select(_ => host.Factory.CreateClient(_factory.Authority.Sign(ContosoUser), "contoso"))
            .ToList();

        for (var round = 0; round < 3; round++)
        {
            foreach (var client in clients)
            {
                using var response = await client.GetAsync("/account/me");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        clients.ForEach(client => client.Dispose());
        Assert.Equal(30, host.Cache.Count);
        Assert.All(host.Paths().TakeLast(30), path => Assert.Equal(TokenValidationPaths.Cached, path));
    }

    [Fact]
    public async Task StreamOfTokensUsedOnce_NeverEntersTheCache_NorPushesOutATokenInUse()
    {
        using var host = Host(settings: new() { ["TokenCache:MaxEntries"] = "50" });
        using var regular = host.Factory.CreateClient(_factory.Authority.Sign(ContosoUser), "contoso");
        await CacheAsync(regular);

        for (var i = 0; i < 200; i++)
        {
            using var once = host.Factory.CreateClient(_factory.Authority.Sign(ContosoUser), "contoso");
            Assert.Equal(HttpStatusCode.OK, (await once.GetAsync("/account/me")).StatusCode);
            if (i % 20 == 0)
            {
                Assert.Equal(HttpStatusCode.OK, (await regular.GetAsync("/account/me")).StatusCode);
            }
        }

        Assert.Equal(1, host.Cache.Count);
        Assert.Equal(10, host.Paths().Count(path => path == TokenValidationPaths.Cached));
    }

    [Fact]
    public async Task HugeToken_IsAcceptedButNotCached_SoItCannotPushOthersOut()
    {
        // Over 1/256 of the 16 MB budget (64 KB): ~100 KB of role claims.
        using var host = Host();
        var huge = ContosoUser with { Roles = [.. Enumerable.Range(0, 400).Select(i => $"Role.{i:D4}.{new string('r', 40)}")] };
        using var client = host.Factory.CreateClient(_factory.Authority.Sign(huge), "contoso");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/me")).StatusCode);

        Assert.Equal([TokenValidationPaths.Full, TokenValidationPaths.Full], host.Paths());
        Assert.Equal(0, host.Cache.Count);
    }

    [Fact]
    public async Task CacheSwitchedOff_EveryRequestTakesTheFullPipeline()
    {
        using var host = Host(settings: new() { ["TokenCache:Enabled"] = "false" });
        using var client = host.Factory.CreateClient(_factory.Authority.Sign(ContosoUser), "contoso");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/me")).StatusCode);

        Assert.Equal([TokenValidationPaths.Full, TokenValidationPaths.Full], host.Paths());
        Assert.Equal(0, host.Cache.Count);
    }

    [Fact]
    public async Task AHit_IsAnsweredWithoutTheFrameworksAuthenticationService_EveryOtherRequestThroughIt()
    {
        var framework = new Calls();
        using var host = Host(services =>
        {
            services.AddSingleton(framework);
            services.AddScoped<AuthenticationService, CountingAuthenticationService>();
        });
        using var client = host.Factory.CreateClient(_factory.Authority.Sign(ContosoUser), "contoso");

        await CacheAsync(client);
        var firstUses = framework.Count;
        using var hit = await client.GetAsync("/account/me");
        var afterHit = framework.Count;
        using var refused = await SendAsync(host, "Bearer not-a-token");

        Assert.Equal(HttpStatusCode.OK, hit.StatusCode);
        await ProblemAssert.RefusedAsync(refused, "invalid_token");
        Assert.Equal([TokenValidationPaths.Full, TokenValidationPaths.Full, TokenValidationPaths.Cached, TokenValidationPaths.Full], host.Paths());
        Assert.True(firstUses >= 2, $"the first two uses went through the framework's service {firstUses} times");
        Assert.Equal(firstUses, afterHit);
        Assert.True(framework.Count > afterHit, "the refusal did not go through the framework's service");
    }

    [Fact]
    public async Task Hits_ShareOneResultBuiltWhenTheTokenWasCached_AndNoRequestCanWriteIntoIt()
    {
        using var host = Host();
        var token = _factory.Authority.Sign(ContosoUser);
        using var client = host.Factory.CreateClient(token, "contoso");
        await CacheAsync(client);

        var first = await AuthenticateAsync(host, token);
        var second = await AuthenticateAsync(host, token);

        Assert.True(first.Succeeded);
        Assert.Equal(CachedBearerHandler.SchemeName, first.Ticket!.AuthenticationScheme);
        Assert.Same(first, second);
        Assert.Empty(first.Properties!.Items);
        Assert.Throws<NotSupportedException>(() => first.Properties.Items["written"] = "by one request");
        Assert.Throws<NotSupportedException>(() => first.Properties.SetParameter("written", "by one request"));
        Assert.Throws<NotSupportedException>(() => first.Properties.IsPersistent = true);
        Assert.Throws<InvalidOperationException>(() => first.Principal!.AddIdentity(new System.Security.Claims.ClaimsIdentity()));
        Assert.Equal([TokenValidationPaths.Full, TokenValidationPaths.Full, TokenValidationPaths.Cached, TokenValidationPaths.Cached], host.Paths());
    }

    [Fact]
    public async Task WithAClaimsTransformation_CachedTokensGoThroughTheFramework_SoItApplies()
    {
        var transformations = new Calls();
        // Registered per request, as a transformation may be: the service must not capture it.
        using var host = Host(services => services.AddScoped<IClaimsTransformation>(_ => new CountingTransformation(transformations)));
        using var client = host.Factory.CreateClient(_factory.Authority.Sign(ContosoUser), "contoso");

        await CacheAsync(client);
        var firstUses = transformations.Count;
        using var hit = await client.GetAsync("/account/me");

        Assert.Equal(HttpStatusCode.OK, hit.StatusCode);
        Assert.Equal([TokenValidationPaths.Full, TokenValidationPaths.Full, TokenValidationPaths.Cached], host.Paths());
        Assert.Equal(firstUses + 1, transformations.Count);
    }

    [Fact]
    public async Task Hit_IsRecordedInFrontOfTheFrameworksAuthenticationMiddleware_ThroughWhichEveryOtherRequestGoes()
    {
        // The framework's middleware asks the scheme provider for request-handling schemes on every request it sees.
        var lookups = new Calls();
        using var host = Host(services => services.AddSingleton<IAuthenticationSchemeProvider>(provider =>
            new CountingSchemeProvider(provider.GetRequiredService<IOptions<AuthenticationOptions>>(), lookups)));
        using var client = host.Factory.CreateClient(_factory.Authority.Sign(ContosoUser), "contoso");
        using var anonymous = host.Factory.CreateClient(accessToken: null, "contoso");
        using (var unauthenticated = await anonymous.GetAsync("/account/me"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, unauthenticated.StatusCode);
        }

        var seen = new List<int>();
        var bodies = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var before = lookups.Count;
            using var response = await client.GetAsync("/account/me");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            bodies.Add(await response.Content.ReadAsStringAsync());
            seen.Add(lookups.Count - before);
        }

        // Two first uses through the framework's middleware; two hits through neither it nor a second copy of it that
        // the host would add at the start of the pipeline if the service's were not marked as set.
        Assert.Equal([1, 1, 0, 0], seen);
        Assert.Equal([TokenValidationPaths.Full, TokenValidationPaths.Full, TokenValidationPaths.Cached, TokenValidationPaths.Cached], host.Paths());
        Assert.Single(bodies.Distinct());
    }

    [Fact]
    public async Task Hit_RecordsWhatTheFrameworksAuthenticationMiddlewareRecords()
    {
        using var host = Host();
        var token = _factory.Authority.Sign(ContosoUser);
        using var client = host.Factory.CreateClient(token, "contoso");
        await CacheAsync(client);
        var ours = ActivatorUtilities.CreateInstance<CachedTokenAuthenticationMiddleware>(host.Services, (RequestDelegate)(_ => Task.CompletedTask));
        var framework = ActivatorUtilities.CreateInstance<AuthenticationMiddleware>(host.Services, (RequestDelegate)(_ => Task.CompletedTask));

        Assert.True(ours.RecordsHits);
        var hit = await RecordAsync(ours.Invoke);
        var expected = await RecordAsync(framework.Invoke);

        Assert.True(hit.Features.Get<IAuthenticateResultFeature>()!.AuthenticateResult!.Succeeded);
        Assert.Same(expected.Features.Get<IAuthenticateResultFeature>()!.AuthenticateResult, hit.Features.Get<IAuthenticateResultFeature>()!.AuthenticateResult);
        Assert.Same(expected.User, hit.User);
        Assert.Same(hit.User, hit.Features.Get<IHttpAuthenticationFeature>()!.User);
        Assert.Equal("/base", hit.Features.Get<IAuthenticationFeature>()!.OriginalPathBase);
        Assert.Equal("/account/me", hit.Features.Get<IAuthenticationFeature>()!.OriginalPath);

        // As the framework's: a user set later replaces the result, which no longer describes it.
        foreach (var context in new[] { hit, expected })
        {
            context.User = new ClaimsPrincipal();
            Assert.Null(context.Features.Get<IAuthenticateResultFeature>()!.AuthenticateResult);
        }

        async Task<DefaultHttpContext> RecordAsync(RequestDelegate middleware)
        {
            var context = new DefaultHttpContext { RequestServices = host.Services.CreateScope().ServiceProvider };
            context.Request.PathBase = "/base";
            context.Request.Path = "/account/me";
            context.Request.Headers.Authorization = "Bearer " + token;
            await middleware(context);
            return context;
        }
    }

    [Fact]
    public async Task FirstUse_IsLookedUpInTheCacheOncePerRequest_ThenRecordedAsAMissForTheRestOfIt()
    {
        using var host = Host();
        var token = _factory.Authority.Sign(ContosoUser);
        var middleware = ActivatorUtilities.CreateInstance<CachedTokenAuthenticationMiddleware>(host.Services, (RequestDelegate)(_ => Task.CompletedTask));
        var service = (CachedTokenAuthenticationService)host.Services.GetRequiredService<IAuthenticationService>();

        // A first use: the middleware misses, and the framework's middleware, the service and the scheme behind it
        // take the miss as recorded rather than hash the token again; JwtBearer accepts it.
        var firstUse = Request(token);
        await middleware.Invoke(firstUse);
        Assert.NotNull(firstUse.Features.Get<TokenCacheMiss>());
        Assert.True(firstUse.Features.Get<IAuthenticateResultFeature>()!.AuthenticateResult!.Succeeded);

        // Once cached, the token is a hit for a new request, and still a miss for one that recorded a miss.
        await middleware.Invoke(Request(token));
        Assert.NotNull(service.Hit(Request(token)));
        var missed = Request(token);
        missed.Features.Set(TokenCacheMiss.Recorded);
        Assert.Null(service.Hit(missed));

        DefaultHttpContext Request(string bearer)
        {
            var context = new DefaultHttpContext { RequestServices = host.Services.CreateScope().ServiceProvider };
            context.Request.Path = "/account/me";
            context.Request.Headers.Authorization = "Bearer " + bearer;
            return context;
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(CacheHost host, string authorization)
    {
        using var client = host.Factory.CreateClient(accessToken: null, "contoso");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/me");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await client.SendAsync(request);
    }

    // The application's authentication service, asked as the authentication middleware asks it, outside any request.
    private static async Task<AuthenticateResult> AuthenticateAsync(CacheHost host, string token)
    {
        using var scope = host.Services.CreateScope();
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = "Bearer " + token;
        return await scope.ServiceProvider.GetRequiredService<IAuthenticationService>().AuthenticateAsync(context, CachedBearerHandler.SchemeName);
    }

    // A token is cached on its second acceptance: two requests, both accepted.
    private static async Task CacheAsync(HttpClient client)
    {
        for (var i = 0; i < 2; i++)
        {
            using var response = await client.GetAsync("/account/me");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private CacheHost Host(Action<IServiceCollection>? services = null, Dictionary<string, string?>? settings = null, bool captureLogs = false)
    {
        foreach (var (key, value) in settings ?? [])
        {
            _factory.Settings[key] = value;
        }

        var factory = _factory.WithWebHostBuilder(builder =>
        {
            builder.ConfigureTestServices(test => services?.Invoke(test));
            if (captureLogs)
            {
                builder.ConfigureLogging(logging => logging.AddFakeLogging());
            }
        });
        // The registry loaded before the first request: a token accepted while it loads is not yet known to come from
        // a directory the service serves, so it is not counted towards the cache (a busy machine once showed it), and
        // these tests count exactly which request took which path.
        factory.Services.GetRequiredService<TenancyStore>().Loaded.WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        return new CacheHost(factory);
    }

    private sealed class CacheHost(WebApplicationFactory<Program> factory) : IDisposable
    {
        private readonly MetricCollector<double> _validations = new(
            factory.Services.GetRequiredService<IMeterFactory>(), AccountMetrics.MeterName, "accountapi.token.validation.duration");

        public WebApplicationFactory<Program> Factory { get; } = factory;

        public IServiceProvider Services => Factory.Services;

        public ValidatedTokenCache Cache => Services.GetRequiredService<ValidatedTokenCache>();

        /// <summary>The path each authenticated request took, in order.</summary>
        public IReadOnlyList<string> Paths() =>
            [.. _validations.GetMeasurementSnapshot().Select(measurement => (string)measurement.Tags[AccountMetrics.PathTag]!)];

        public IReadOnlyList<FakeLogRecord> Logs() => Services.GetFakeLogCollector().GetSnapshot();

        /// <summary>Asks JwtBearer's configuration manager for new metadata, as an unknown kid or the refresh interval would.</summary>
        public async Task RefreshMetadataUntilAsync(Func<Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration, bool> condition)
        {
            var manager = Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme).ConfigurationManager!;
            manager.RequestRefresh();
            // IdentityModel fetches in the background after a refresh request; there is no event to await.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!condition(await manager.GetConfigurationAsync(CancellationToken.None)))
            {
                Assert.True(DateTime.UtcNow < deadline, "The configuration manager did not fetch the new metadata within 10 s.");
                await Task.Delay(20);
            }
        }

        public void Dispose()
        {
            _validations.Dispose();
            Factory.Dispose();
        }
    }

    private sealed class Calls
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);
    }

    private sealed class CountingAuthenticationService(
        IAuthenticationSchemeProvider schemes, IAuthenticationHandlerProvider handlers, IClaimsTransformation transform,
        IOptions<AuthenticationOptions> options, Calls calls)
        : AuthenticationService(schemes, handlers, transform, options)
    {
        public override Task<AuthenticateResult> AuthenticateAsync(Microsoft.AspNetCore.Http.HttpContext context, string? scheme)
        {
            calls.Add();
            return base.AuthenticateAsync(context, scheme);
        }
    }

    private sealed class CountingSchemeProvider(IOptions<AuthenticationOptions> options, Calls calls) : AuthenticationSchemeProvider(options)
    {
        public override Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync()
        {
            calls.Add();
            return base.GetRequestHandlerSchemesAsync();
        }
    }

    private sealed class CountingTransformation(Calls calls) : IClaimsTransformation
    {
        public Task<System.Security.Claims.ClaimsPrincipal> TransformAsync(System.Security.Claims.ClaimsPrincipal principal)
        {
            calls.Add();
            return Task.FromResult(principal);
        }
    }
}
