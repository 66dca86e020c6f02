using System.Text.Json;
using AccountApi.Testing;
using AccountApi.Tests.Infrastructure;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Primitives;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.Fuzzing;

/// <summary>
/// Property-based: whatever <c>Authorization</c> and <c>X-Tenant-ID</c> hold, the answer is a 403 problem document or
/// the account of the token's own directory in a tenancy that admits it; never a 5xx, never another tenancy. Values
/// are set on the request directly (not through HttpClient, which would refuse many of them), so the service sees
/// strings no HTTP parser would let through. A failure prints the case and CsCheck's seed to replay it.
/// </summary>
public sealed class HeaderPropertyTests(AccountApiFactory factory) : IClassFixture<AccountApiFactory>
{
    internal const int Cases = 500;

    private static readonly HashSet<string> s_reasons =
        ["missing_token", "invalid_token", "user_token_required", "insufficient_scope", "missing_tenant", "invalid_tenant", "tenant_not_permitted"];

    [Fact]
    public async Task GetMe_WithAnyAuthorizationAndTenancyHeaders_AnswersA403ProblemOrTheTokensOwnAccount()
    {
        // Limits far away: this property is about headers, and every case comes from the same (absent) address.
        using var host = factory.WithWebHostBuilder(builder => builder
            .UseSetting("RateLimits:PerAddress:PermitLimit", "1000000")
            .UseSetting("RateLimits:PerCaller:PermitLimit", "1000000"));
        var identities = new[] { (Token: factory.Authority.Sign(ContosoUser), Directory: ContosoDirectory), (Token: factory.Authority.Sign(FabrikamUser), Directory: FabrikamDirectory) };
        var cases = Gen.OneOf(identities)
            .SelectMany(identity => HeaderGenerators.Repeated(HeaderGenerators.Authorization(identity.Token))
                .Select(HeaderGenerators.Repeated(HeaderGenerators.Tenancy), (authorization, tenancy) => (identity.Directory, authorization, tenancy)));

        var served = 0;

        await cases.SampleAsync(
            async sample =>
            {
                if (await AssertAnswerAsync(host, sample.Directory, sample.authorization, sample.tenancy))
                {
                    Interlocked.Increment(ref served);
                }
            },
            iter: Cases,
            print: sample => $"directory {sample.Directory}, Authorization {HeaderGenerators.Describe(sample.authorization)}, X-Tenant-ID {HeaderGenerators.Describe(sample.tenancy)}");

        // Not vacuous: some cases were valid enough to be served, and most were not.
        Assert.InRange(served, 1, Cases / 2);
    }

    /// <summary>Asserts the answer to one case; true when it was served (200).</summary>
    private static async Task<bool> AssertAnswerAsync(WebApplicationFactory<Program> host, Guid directory, string[] authorization, string[] tenancy)
    {
        var context = await host.Server.SendAsync(request =>
        {
            request.Request.Method = HttpMethods.Get;
            request.Request.Path = "/account/me";
            if (authorization.Length > 0)
            {
                request.Request.Headers.Authorization = new StringValues(authorization);
            }

            if (tenancy.Length > 0)
            {
                request.Request.Headers[AccountApiHeaders.TenantId] = new StringValues(tenancy);
            }
        });
        var status = context.Response.StatusCode;
        var body = JsonDocument.Parse(context.Response.Body).RootElement;

        if (status == StatusCodes.Status200OK)
        {
            // Only the one tenancy asked for, and only for the directory whose token was sent.
            var asked = Assert.Single(tenancy);
            Assert.Equal(directory.ToString(), body.GetProperty("directoryId").GetString());
            var granted = body.GetProperty("tenancy").GetProperty("name").GetString();
            Assert.Equal(asked, granted, StringComparer.OrdinalIgnoreCase);
            Assert.Contains(granted, directory == ContosoDirectory ? ["contoso", "partners"] : (string[])["fabrikam", "partners"]);
            return true;
        }

        Assert.Equal(StatusCodes.Status403Forbidden, status);
        Assert.Equal("application/problem+json", context.Response.ContentType);
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.Contains(body.GetProperty("error").GetString()!, s_reasons);
        return false;
    }
}
