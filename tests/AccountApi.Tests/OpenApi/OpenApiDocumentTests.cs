using System.Net;
using System.Text.Json;
using AccountApi.Testing;
using AccountApi.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace AccountApi.Tests.OpenApi;

public sealed class OpenApiDocumentTests(AccountApiFactory factory) : IClassFixture<AccountApiFactory>
{
    [Fact]
    public async Task SwaggerDocument_DescribesBearerSchemeTenantHeaderAndBothResponses()
    {
        var document = await GetDocumentAsync(factory, enabled: true);

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());

        var operation = document.GetProperty("paths").GetProperty("/account/me").GetProperty("get");
        Assert.Equal("GetMyAccount", operation.GetProperty("operationId").GetString());
        Assert.Contains(operation.GetProperty("security").EnumerateArray(), requirement => requirement.TryGetProperty("Bearer", out _));

        var header = Assert.Single(operation.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == AccountApiHeaders.TenantId);
        Assert.Equal("header", header.GetProperty("in").GetString());
        Assert.True(header.GetProperty("required").GetBoolean());

        var ok = Resolve(document, operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        var okProperties = ok.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "id", "name", "username", "directoryId", "tenancy", "scopes", "roles" }, okProperties);

        var refused = operation.GetProperty("responses").GetProperty("403").GetProperty("content").GetProperty("application/problem+json").GetProperty("schema");
        var errors = refused.GetProperty("properties").GetProperty("error").GetProperty("enum").EnumerateArray().Select(e => e.GetString());
        Assert.Equal(
            ["missing_token", "invalid_token", "user_token_required", "role_required", "insufficient_scope", "missing_tenant", "invalid_tenant", "tenant_not_permitted", "tenancy_role_required", "insufficient_claims"],
            errors);
    }

    [Theory]
    [InlineData("/account/me", "get", new[] { "authority_unavailable" })]
    [InlineData("/account/me/sessions/revoke", "post", new[] { "authority_unavailable", "revocation_unavailable" })]
    [InlineData("/admin/directories/{tid}/users/{oid}/revoke", "post", new[] { "authority_unavailable", "revocation_unavailable" })]
    public async Task SwaggerDocument_ListsTheRateLimitAndUnavailableAnswers_OfEveryProtectedOperation(string path, string method, string[] unavailable)
    {
        var document = await GetDocumentAsync(factory, enabled: true);
        var responses = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");

        Assert.Equal(["rate_limited"], Reasons(responses.GetProperty("429")));
        Assert.True(responses.GetProperty("429").GetProperty("headers").TryGetProperty("Retry-After", out _));
        Assert.Equal(unavailable, Reasons(responses.GetProperty("503")));
        Assert.True(responses.GetProperty("503").GetProperty("headers").TryGetProperty("Retry-After", out _));
        Assert.Contains("tenant_not_permitted", Reasons(responses.GetProperty("403")));
    }

    private static string[] Reasons(JsonElement response) =>
        [.. response.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema")
            .GetProperty("properties").GetProperty("error").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!)];

    [Fact]
    public async Task SwaggerDocument_OffersSignInWithAuthorizationCodeFlowAgainstTheConfiguredAuthority()
    {
        var document = await GetDocumentAsync(factory, enabled: true);

        var oauth2 = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("oauth2");
        var flow = oauth2.GetProperty("flows").GetProperty("authorizationCode");
        var authority = $"{factory.Authority.Instance}organizations/oauth2/v2.0";
        Assert.Equal($"{authority}/authorize", flow.GetProperty("authorizationUrl").GetString());
        Assert.Equal($"{authority}/token", flow.GetProperty("tokenUrl").GetString());
        var scope = $"api://{AccountApiFactory.ApiClientId}/Account.Read";
        Assert.True(flow.GetProperty("scopes").TryGetProperty(scope, out _));

        var operation = document.GetProperty("paths").GetProperty("/account/me").GetProperty("get");
        var requirement = Assert.Single(operation.GetProperty("security").EnumerateArray(), r => r.TryGetProperty("oauth2", out _));
        Assert.Equal([scope], requirement.GetProperty("oauth2").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task SwaggerDocument_ListsOnlyTheProtectedApiAndRequiresTokenAndTenancyThere()
    {
        var document = await GetDocumentAsync(factory, enabled: true);

        // Public endpoints (health, the document itself) are not part of the API's description.
        var paths = document.GetProperty("paths").EnumerateObject().Select(path => path.Name).ToList();
        Assert.Equal(["/account/me", "/account/me/sessions/revoke", "/admin/directories/{tid}/users/{oid}/revoke", "/admin/tenancies/{name}", "/admin/tenancies", "/admin/tenancies/import"], paths);
        var getMe = document.GetProperty("paths").GetProperty("/account/me").GetProperty("get");
        Assert.NotEmpty(getMe.GetProperty("security").EnumerateArray());
        Assert.Contains(getMe.GetProperty("parameters").EnumerateArray(), parameter =>
            parameter.GetProperty("name").GetString() == AccountApiHeaders.TenantId && parameter.GetProperty("required").GetBoolean());
    }

    [Fact]
    public async Task SwaggerDocument_DescribesTheOperatorRouteWithABearerTokenAndNoTenancyHeader()
    {
        var document = await GetDocumentAsync(factory, enabled: true);

        var revoke = document.GetProperty("paths").GetProperty("/admin/directories/{tid}/users/{oid}/revoke").GetProperty("post");

        Assert.Equal("RevokeUser", revoke.GetProperty("operationId").GetString());
        var requirement = Assert.Single(revoke.GetProperty("security").EnumerateArray());
        Assert.True(requirement.TryGetProperty("Bearer", out _));
        Assert.DoesNotContain(revoke.GetProperty("parameters").EnumerateArray(), parameter => parameter.GetProperty("name").GetString() == AccountApiHeaders.TenantId);
        Assert.True(revoke.GetProperty("responses").TryGetProperty("403", out _));
        Assert.True(revoke.GetProperty("responses").TryGetProperty("204", out _));
    }

    [Fact]
    public async Task SwaggerUi_WhenEnabled_IsServedWithoutToken()
    {
        using var enabled = WithOpenApi(factory, enabled: true);

        using var response = await enabled.CreateClient().GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SwaggerDocument_WhenDisabled_IsNotServed()
    {
        using var disabled = WithOpenApi(factory, enabled: false);

        using var response = await disabled.CreateClient().GetAsync("/swagger/v1/swagger.json");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<JsonElement> GetDocumentAsync(AccountApiFactory factory, bool enabled)
    {
        using var host = WithOpenApi(factory, enabled);
        using var response = await host.CreateClient().GetAsync("/swagger/v1/swagger.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> WithOpenApi(AccountApiFactory factory, bool enabled) =>
        factory.WithWebHostBuilder(builder => builder.ConfigureAppConfiguration((_, configuration) =>
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["OpenApi:Enabled"] = enabled.ToString() })));

    private static JsonElement Resolve(JsonElement document, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;
}
