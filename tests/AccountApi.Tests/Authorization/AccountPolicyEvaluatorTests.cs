using System.Net;
using System.Text.Json;
using AccountApi.Authorization;
using AccountApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.Authorization;

/// <summary>
/// Grants of the account policy are decided by its requirement without the framework's per-request authorization
/// service; every refusal, and every decision while the framework would ask anyone else, is the framework's. The
/// answers are the same either way, hostile requests included.
/// </summary>
public sealed class AccountPolicyEvaluatorTests(AccountApiFactory factory) : IClassFixture<AccountApiFactory>
{
    private static readonly (string Caller, string? Tenancy)[] s_requests =
    [
        ("contoso user", "contoso"),
        ("contoso user", "partners"),
        ("contoso user", "fabrikam"),
        ("contoso user", "northwind"),
        ("contoso user", "nowhere"),
        ("contoso user", null),
        ("contoso user", "../contoso"),
        ("fabrikam user", "fabrikam"),
        ("fabrikam user", "contoso"),
        ("application", "contoso"),
        ("other scope", "contoso"),
        ("scope in other case", "contoso"),
        ("expired", "contoso"),
        ("no token", "contoso"),
    ];

    [Fact]
    public async Task EveryAnswer_IsTheFrameworksAnswer()
    {
        var withFastGrants = factory.WithWebHostBuilder(_ => { });
        // Another handler, asking nothing: the framework would ask it, so every decision goes to the framework.
        var frameworkOnly = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(
            services => services.AddSingleton<IAuthorizationHandler, AbstainingHandler>()));
        Assert.True(withFastGrants.Services.GetRequiredService<IPolicyEvaluator>() is AccountPolicyEvaluator { GrantsAccountPolicy: true });
        Assert.True(frameworkOnly.Services.GetRequiredService<IPolicyEvaluator>() is AccountPolicyEvaluator { GrantsAccountPolicy: false });

        var granted = 0;
        foreach (var (caller, tenancy) in s_requests)
        {
            var token = Token(caller);
            // Three uses: the first two are validated in full, the third is served by the token cache.
            for (var use = 1; use <= 3; use++)
            {
                using var fast = await SendAsync(withFastGrants, token, tenancy);
                using var framework = await SendAsync(frameworkOnly, token, tenancy);

                var expected = await AnswerOfAsync(framework);
                Assert.True(expected == await AnswerOfAsync(fast), $"{caller}, tenancy {tenancy ?? "(none)"}, use {use}: {expected}");
                granted += fast.StatusCode == HttpStatusCode.OK ? 1 : 0;
            }
        }

        // contoso and partners for the Contoso user, fabrikam for the Fabrikam user: the rest are refusals.
        Assert.Equal(9, granted);
    }

    [Fact]
    public async Task AGrant_AsksNotTheFramework_ARefusalDoes()
    {
        var framework = new FrameworkDecisions();
        var host = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(framework);
            services.AddTransient<PolicyEvaluator, CountingPolicyEvaluator>();
        }));
        var token = factory.Authority.Sign(ContosoUser);

        for (var use = 1; use <= 3; use++)
        {
            using var granted = await SendAsync(host, token, "contoso");
            Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        }

        Assert.Equal(0, framework.Count);

        using var refused = await SendAsync(host, token, "fabrikam");
        await ProblemAssert.RefusedAsync(refused, "tenant_not_permitted");
        Assert.Equal(1, framework.Count);
    }

    [Fact]
    public async Task AHandlerAddedLater_IsAskedAboutEveryRequest()
    {
        var host = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(
            services => services.AddSingleton<IAuthorizationHandler, DenyingHandler>()));
        var token = factory.Authority.Sign(ContosoUser);

        for (var use = 1; use <= 3; use++)
        {
            using var response = await SendAsync(host, token, "contoso");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    private string? Token(string caller) => caller switch
    {
        "no token" => null,
        "contoso user" => factory.Authority.Sign(ContosoUser),
        "fabrikam user" => factory.Authority.Sign(FabrikamUser),
        "application" => factory.Authority.Sign(ContosoUser with { Scopes = null, IdentityType = "app", Roles = ["Account.Read.All"] }),
        "other scope" => factory.Authority.Sign(ContosoUser with { Scopes = "Account.Write" }),
        "scope in other case" => factory.Authority.Sign(ContosoUser with { Scopes = "account.read" }),
        "expired" => factory.Authority.Sign(ContosoUser with
        {
            IssuedAt = DateTimeOffset.UtcNow.AddHours(-2),
            NotBefore = DateTimeOffset.UtcNow.AddHours(-2),
            Expires = DateTimeOffset.UtcNow.AddHours(-1),
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, null),
    };

    private static async Task<HttpResponseMessage> SendAsync(WebApplicationFactory<Program> host, string? token, string? tenancy)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/me");
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        }

        if (tenancy is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Tenant-ID", tenancy);
        }

        return await client.SendAsync(request);
    }

    // What a client can see of an answer, less what differs between any two requests (the trace id).
    private static async Task<string> AnswerOfAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(body);
        var fields = document.RootElement.EnumerateObject()
            .Where(field => field.Name != "traceId")
            .Select(field => $"{field.Name}={field.Value.GetRawText()}");
        return $"{(int)response.StatusCode} {ProblemAssert.Challenge(response)} {string.Join(", ", fields)}";
    }

    private sealed class AbstainingHandler : IAuthorizationHandler
    {
        public Task HandleAsync(AuthorizationHandlerContext context) => Task.CompletedTask;
    }

    private sealed class DenyingHandler : IAuthorizationHandler
    {
        public Task HandleAsync(AuthorizationHandlerContext context)
        {
            context.Fail();
            return Task.CompletedTask;
        }
    }

    private sealed class FrameworkDecisions
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);
    }

    private sealed class CountingPolicyEvaluator(IAuthorizationService authorization, FrameworkDecisions decisions) : PolicyEvaluator(authorization)
    {
        public override Task<PolicyAuthorizationResult> AuthorizeAsync(
            AuthorizationPolicy policy, AuthenticateResult authenticationResult, Microsoft.AspNetCore.Http.HttpContext context, object? resource)
        {
            decisions.Add();
            return base.AuthorizeAsync(policy, authenticationResult, context, resource);
        }
    }
}
