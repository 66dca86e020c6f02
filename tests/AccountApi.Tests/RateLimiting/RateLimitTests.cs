using System.Net;
using AccountApi.Logging;
using AccountApi.Revocation;
using AccountApi.Testing;
using AccountApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.RateLimiting;

/// <summary>
/// Each tier trips at its configured limit with the 429 problem, and only for the budget that was spent: another
/// address, caller or tenancy is still served. Every host here is fresh, so no test spends another's budget.
/// </summary>
public sealed class RateLimitTests(AccountApiFactory factory) : IClassFixture<AccountApiFactory>
{
    private const string AddressA = "203.0.113.10";
    private const string AddressB = "198.51.100.20";
    private const string AddressC = "192.0.2.30";

    [Fact]
    public async Task GetMe_OverThePerAddressLimit_Returns429WithRetryAfter_WhileAnotherAddressIsServed()
    {
        using var host = WithLimits(perAddress: 3);
        var token = factory.Authority.Sign(ContosoUser);
        using var fromA = host.CreateClientFrom(AddressA, token, "contoso");
        using var fromB = host.CreateClientFrom(AddressB, token, "contoso");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await fromA.GetAsync("/account/me")).StatusCode);
        }

        using var over = await fromA.GetAsync("/account/me");
        using var elsewhere = await fromB.GetAsync("/account/me");

        await ProblemAssert.RateLimitedAsync(over);
        // A fixed window of a minute: the client may come back when it has passed.
        Assert.InRange(over.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public async Task GetMe_OverThePerCallerLimit_Returns429_WhileOtherCallersAreServed()
    {
        using var host = WithLimits(perCaller: 2);
        var alice = ContosoUser;
        // The same caller from three addresses: the budget follows the validated caller, not the connection.
        using var first = host.CreateClientFrom(AddressA, factory.Authority.Sign(alice), "contoso");
        using var second = host.CreateClientFrom(AddressB, factory.Authority.Sign(alice), "contoso");
        using var third = host.CreateClientFrom(AddressC, factory.Authority.Sign(alice), "partners");
        using var carol = host.CreateClientFrom(AddressA, factory.Authority.Sign(ContosoUser), "contoso");
        using var bob = host.CreateClientFrom(AddressA, factory.Authority.Sign(FabrikamUser), "fabrikam");

        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/account/me")).StatusCode);
        using var over = await third.GetAsync("/account/me");

        await ProblemAssert.RateLimitedAsync(over);
        Assert.Equal(HttpStatusCode.OK, (await carol.GetAsync("/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/account/me")).StatusCode);
    }

    [Fact]
    public async Task GetMe_RefusedRequestsOfAValidatedCaller_SpendItsBudgetToo()
    {
        using var host = WithLimits(perCaller: 2);
        var alice = factory.Authority.Sign(ContosoUser);
        using var foreign = host.CreateClientFrom(AddressA, alice, "fabrikam");
        using var own = host.CreateClientFrom(AddressA, alice, "contoso");

        await ProblemAssert.RefusedAsync(await foreign.GetAsync("/account/me"), "tenant_not_permitted");
        await ProblemAssert.RefusedAsync(await foreign.GetAsync("/account/me"), "tenant_not_permitted");

        await ProblemAssert.RateLimitedAsync(await own.GetAsync("/account/me"));
    }

    [Fact]
    public async Task GetMe_AppOnlyTokens_AreCountedPerClientApplication()
    {
        using var host = WithLimits(perCaller: 2);
        // Each app-only token has its own oid; they share a budget because they share the client application (azp).
        TestAccessToken Daemon(string clientId) => TestAccessToken.AppOnly(ContosoDirectory, ApiClientId, "Account.Read.All") with { ClientId = clientId };
        using var daemon = host.CreateClientFrom(AddressA, factory.Authority.Sign(Daemon("44444444-4444-4444-8444-444444444444")), "contoso");
        using var sameApp = host.CreateClientFrom(AddressA, factory.Authority.Sign(Daemon("44444444-4444-4444-8444-444444444444")), "contoso");
        using var otherApp = host.CreateClientFrom(AddressA, factory.Authority.Sign(Daemon("55555555-5555-4555-8555-555555555555")), "contoso");

        await ProblemAssert.RefusedAsync(await daemon.GetAsync("/account/me"), "user_token_required");
        await ProblemAssert.RefusedAsync(await sameApp.GetAsync("/account/me"), "user_token_required");

        await ProblemAssert.RateLimitedAsync(await daemon.GetAsync("/account/me"));
        await ProblemAssert.RefusedAsync(await otherApp.GetAsync("/account/me"), "user_token_required");
    }

    [Fact]
    public async Task GetMe_OverThePerTenancyLimit_Returns429_WhileOtherTenanciesAreServed()
    {
        using var host = WithLimits(perTenancy: 2);
        var alice = factory.Authority.Sign(ContosoUser);

        Assert.Equal(HttpStatusCode.OK, (await host.CreateClientFrom(AddressA, alice, "contoso").GetAsync("/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClientFrom(AddressB, factory.Authority.Sign(ContosoUser), "CONTOSO").GetAsync("/account/me")).StatusCode);
        using var over = await host.CreateClientFrom(AddressC, factory.Authority.Sign(ContosoUser), "contoso").GetAsync("/account/me");

        await ProblemAssert.RateLimitedAsync(over);
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClientFrom(AddressA, alice, "partners").GetAsync("/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClientFrom(AddressA, factory.Authority.Sign(FabrikamUser), "fabrikam").GetAsync("/account/me")).StatusCode);
    }

    [Fact]
    public async Task GetMe_NamingATenancyTheCallerMayNotUse_DoesNotSpendThatTenancysBudget()
    {
        using var host = WithLimits(perTenancy: 2);
        using var intruder = host.CreateClientFrom(AddressA, factory.Authority.Sign(FabrikamUser), "contoso");
        for (var i = 0; i < 5; i++)
        {
            await ProblemAssert.RefusedAsync(await intruder.GetAsync("/account/me"), "tenant_not_permitted");
        }

        using var member = host.CreateClientFrom(AddressB, factory.Authority.Sign(ContosoUser), "contoso");

        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/account/me")).StatusCode);
    }

    [Fact]
    public async Task ForgedTokenFlood_FromOneAddress_TripsTheAddressLimitBeforeValidation_AndAGoodCallerElsewhereIsServed()
    {
        const int Limit = 5;
        using var host = WithLimits(perAddress: Limit, logs: true);
        var forged = factory.Authority.Sign(ContosoUser, factory.Authority.UnpublishedKey);
        using var attacker = host.CreateClientFrom(AddressA, forged, "contoso");

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4 * Limit; i++)
        {
            using var response = await attacker.GetAsync("/account/me");
            answers.Add(response.StatusCode);
        }

        using var good = await host.CreateClientFrom(AddressB, factory.Authority.Sign(ContosoUser), "contoso").GetAsync("/account/me");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Forbidden, Limit), answers.Take(Limit));
        Assert.All(answers.Skip(Limit), status => Assert.Equal(HttpStatusCode.TooManyRequests, status));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        // Only the admitted forgeries were validated (and logged as rejected); the rest cost no signature check.
        var logs = host.Services.GetFakeLogCollector().GetSnapshot();
        Assert.Equal(Limit, logs.Count(record => record.Id.Id == EventIds.TokenRejected));
        Assert.Equal(3 * Limit, logs.Count(record => record.Id.Id == EventIds.RateLimited && record.Message.Contains($"per-address limit of address:{AddressA}", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("2001:db8:1:2::10", "2001:db8:1:2:ffff::1", false)]
    [InlineData("2001:db8:1:2::10", "2001:db8:1:3::10", true)]
    [InlineData("::ffff:203.0.113.10", "203.0.113.10", false)]
    public async Task ClientAddresses_AreCountedPerIPv4AddressOrIPv6Slash64(string first, string second, bool separateBudgets)
    {
        using var host = WithLimits(perAddress: 1);
        var token = factory.Authority.Sign(ContosoUser);

        Assert.Equal(HttpStatusCode.OK, (await host.CreateClientFrom(first, token, "contoso").GetAsync("/account/me")).StatusCode);
        using var response = await host.CreateClientFrom(second, token, "contoso").GetAsync("/account/me");

        Assert.Equal(separateBudgets ? HttpStatusCode.OK : HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Fact]
    public async Task IPv6Site_RotatingThroughItsSlash64s_SharesOneWiderBudget()
    {
        // A /48 holds 65,536 /64s, each with its own per-address budget: the wider tier is what stops the rotation.
        using var host = WithLimits(perAddress: 2, perNetwork: 4);
        var token = factory.Authority.Sign(ContosoUser);

        var answers = new List<HttpStatusCode>();
        for (var subnet = 0; subnet < 6; subnet++)
        {
            using var response = await host.CreateClientFrom($"2001:db8:1:{subnet:x}::10", token, "contoso").GetAsync("/account/me");
            answers.Add(response.StatusCode);
        }

        using var otherSite = await host.CreateClientFrom("2001:db8:2::10", token, "contoso").GetAsync("/account/me");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.OK, otherSite.StatusCode);
    }

    [Fact]
    public async Task OperatorRoutes_HaveAStrictBudgetOfTheirOwn_AndItLeavesOtherRoutesAlone()
    {
        using var host = factory.WithWebHostBuilder(builder => builder.UseSetting("RateLimits:PerOperator:PermitLimit", "2"));
        var operatorToken = TestAccessToken.AppOnly(ContosoDirectory, ApiClientId, RevocationOptions.OperatorRole);
        using var operatorClient = host.CreateClientFrom(AddressA, factory.Authority.Sign(operatorToken), tenancy: null);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await operatorClient.PostAsync($"/admin/directories/{ContosoDirectory}/users/{Guid.NewGuid()}/revoke", content: null);
            answers.Add(response.StatusCode);
        }

        using var user = await host.CreateClientFrom(AddressA, factory.Authority.Sign(ContosoUser), "contoso").GetAsync("/account/me");

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
    }

    [Fact]
    public async Task HealthProbes_AreNeverRateLimited()
    {
        using var host = WithLimits(perAddress: 1);
        using var probe = host.CreateClientFrom(AddressA, accessToken: null, tenancy: null);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/live")).StatusCode);
        }

        await ProblemAssert.RefusedAsync(await probe.GetAsync("/account/me"), "missing_token");
        await ProblemAssert.RateLimitedAsync(await probe.GetAsync("/account/me"));
    }

    private WebApplicationFactory<Program> WithLimits(int perAddress = 1000, int perCaller = 1000, int perTenancy = 1000, bool logs = false, int perNetwork = 4000) =>
        factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("RateLimits:PerAddress:PermitLimit", perAddress.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .UseSetting("RateLimits:PerNetwork:PermitLimit", perNetwork.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .UseSetting("RateLimits:PerCaller:PermitLimit", perCaller.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .UseSetting("RateLimits:PerTenancy:PermitLimit", perTenancy.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (logs)
            {
                builder.ConfigureLogging(logging => logging.AddFakeLogging());
            }
        });
}
