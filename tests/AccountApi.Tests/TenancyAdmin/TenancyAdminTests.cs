using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AccountApi.Testing;
using AccountApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.TenancyAdmin;

/// <summary>
/// The tenancy admin API through the real pipeline and a real SQLite registry: what an operator's application can
/// do, what it is refused, and that what it writes is in force at once.
/// </summary>
public sealed class TenancyAdminTests : IClassFixture<AccountApiFactory>
{
    private const string ManageRole = "Tenancies.Manage";
    private readonly AccountApiFactory _factory;
    private readonly WebApplicationFactory<Program> _host;

    public TenancyAdminTests(AccountApiFactory factory)
    {
        _factory = factory;
        // Contoso is the platform's own directory here: its operator applications may manage tenancies.
        _host = factory.WithWebHostBuilder(builder => builder.UseSetting("Revocation:OperatorDirectories:0", ContosoDirectory.ToString()));
    }

    private static TestAccessToken Manager(Guid directory) => TestAccessToken.AppOnly(directory, ApiClientId, ManageRole);

    [Fact]
    public async Task Put_CreatesATenancy_201WithETagAndLocation_AndItsCallersAreServedAtOnce()
    {
        var name = NewName();

        using var created = await PutAsync(name, new { displayName = "Globex Corp", directoryIds = new[] { ContosoDirectory } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotNull(created.Headers.ETag);
        Assert.Equal($"/admin/tenancies/{name}", created.Headers.Location!.ToString());
        var body = await JsonAsync(created);
        Assert.Equal("Globex Corp", body.GetProperty("displayName").GetString());
        Assert.Equal([ContosoDirectory.ToString()], body.GetProperty("directoryIds").EnumerateArray().Select(id => id.GetString()));
        using var me = await GetMeAsync(name);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("Globex Corp", (await JsonAsync(me)).GetProperty("tenancy").GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Put_WithTheCurrentETag_Replaces_AndWithAStaleOne_Is412AndChangesNothing()
    {
        var name = NewName();
        using var created = await PutAsync(name, new { directoryIds = new[] { ContosoDirectory } });
        var first = created.Headers.ETag!;

        using var replaced = await PutAsync(name, new { directoryIds = new[] { FabrikamDirectory } }, ifMatch: first);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.NotEqual(first, replaced.Headers.ETag);

        // The other operator still holds the first version.
        using var stale = await PutAsync(name, new { directoryIds = new[] { ContosoDirectory }, suspended = true }, ifMatch: first);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("precondition_failed", (await JsonAsync(stale)).GetProperty("error").GetString());
        Assert.Equal(replaced.Headers.ETag, stale.Headers.ETag);
        using var read = await SendAsync(HttpMethod.Get, $"/admin/tenancies/{name}");
        Assert.Equal([FabrikamDirectory.ToString()], (await JsonAsync(read)).GetProperty("directoryIds").EnumerateArray().Select(id => id.GetString()));
        Assert.Equal(replaced.Headers.ETag, read.Headers.ETag);
    }

    [Theory]
    [InlineData("If-Match", "garbage")]
    [InlineData("If-Match", "\"not-a-version\"")]
    [InlineData("If-Match", "\"99999999999999999999999\"")]
    [InlineData("If-Match", "W/{etag}")]
    [InlineData("If-None-Match", "garbage")]
    [InlineData("If-None-Match", "{etag}")]
    [InlineData("If-None-Match", "W/{etag}")]
    public async Task Put_WithAConditionThatDoesNotHold_OrCannotBeRead_Is412_AndOverwritesNothing(string header, string value)
    {
        var name = NewName();
        using var created = await PutAsync(name, new { directoryIds = new[] { ContosoDirectory } });
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/admin/tenancies/{name}") { Content = Json(new { directoryIds = new[] { FabrikamDirectory } }) };
        Assert.True(request.Headers.TryAddWithoutValidation(header, value.Replace("{etag}", created.Headers.ETag!.Tag, StringComparison.Ordinal)));
        using var client = Client(Manager(ContosoDirectory));

        using var refused = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        using var read = await SendAsync(HttpMethod.Get, $"/admin/tenancies/{name}");
        Assert.Equal([ContosoDirectory.ToString()], (await JsonAsync(read)).GetProperty("directoryIds").EnumerateArray().Select(id => id.GetString()));
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=1001")]
    [InlineData("?limit=-1")]
    [InlineData("?after=bad_name")]
    [InlineData("?after=%00")]
    public async Task List_WithBadPaging_Is400(string query)
    {
        using var response = await SendAsync(HttpMethod.Get, "/admin/tenancies" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Put_WithIfNoneMatchStar_CreatesOnly()
    {
        var name = NewName();
        var star = EntityTagHeaderValue.Any;

        using var created = await PutAsync(name, new { directoryIds = new[] { ContosoDirectory } }, ifNoneMatch: star);
        using var again = await PutAsync(name, new { directoryIds = new[] { FabrikamDirectory } }, ifNoneMatch: star);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, again.StatusCode);
    }

    [Fact]
    public async Task Suspend_ThenDelete_RefusesItsCallersAtOnce_WithTheAnswerOfAnUnknownTenancy()
    {
        var name = NewName();
        using var created = await PutAsync(name, new { directoryIds = new[] { ContosoDirectory } });
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(name)).StatusCode);

        using var suspended = await PutAsync(name, new { directoryIds = new[] { ContosoDirectory }, suspended = true });
        await ProblemAssert.RefusedAsync(await GetMeAsync(name), "tenant_not_permitted");

        using var deleted = await SendAsync(HttpMethod.Delete, $"/admin/tenancies/{name}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAssert.RefusedAsync(await GetMeAsync(name), "tenant_not_permitted");
        using var gone = await SendAsync(HttpMethod.Get, $"/admin/tenancies/{name}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("tenancy_not_found", (await JsonAsync(gone)).GetProperty("error").GetString());
        using var twice = await SendAsync(HttpMethod.Delete, $"/admin/tenancies/{name}");
        Assert.Equal(HttpStatusCode.NotFound, twice.StatusCode);
    }

    [Fact]
    public async Task Delete_WithAStaleETag_Is412_AndTheTenancyStays()
    {
        var name = NewName();
        using var created = await PutAsync(name, new { directoryIds = new[] { ContosoDirectory } });
        using var replaced = await PutAsync(name, new { directoryIds = new[] { ContosoDirectory }, displayName = "New" });

        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/admin/tenancies/{name}");
        request.Headers.IfMatch.Add(created.Headers.ETag!);
        using var client = Client(Manager(ContosoDirectory));
        using var refused = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(name)).StatusCode);
    }

    public static TheoryData<string, string, string> BadDocuments => new()
    {
        { "bad_name", """{"directoryIds":["c0c0c0c0-0000-4000-8000-000000000001"]}""", "name" },
        { "{name}", """{"directoryIds":[]}""", "directoryIds" },
        { "{name}", """{"displayName":"No directories"}""", "directoryIds" },
        { "{name}", """{"directoryIds":["c0c0c0c0-0000-4000-8000-000000000001","not-a-guid"]}""", "directoryIds[1]" },
        { "{name}", """{"directoryIds":["00000000-0000-0000-0000-000000000000"]}""", "directoryIds[0]" },
        { "{name}", """{"directoryIds":["c0c0c0c0-0000-4000-8000-000000000001"],"suspend":true}""", "suspend" },
        { "{name}", """{"directoryIds":"c0c0c0c0-0000-4000-8000-000000000001"}""", "directoryIds" },
        { "{name}", """{"directoryIds":["c0c0c0c0-0000-4000-8000-000000000001"],"suspended":"yes"}""", "suspended" },
        { "{name}", """{"directoryIds":["c0c0c0c0-0000-4000-8000-000000000001"],"displayName":""}""", "displayName" },
        { "{name}", """{"directoryIds":["c0c0c0c0-0000-4000-8000-000000000001"]""", "body" },
        { "{name}", "null", "body" },
        { "{name}", $$"""{"displayName":"{{new string('x', 20_000)}}","directoryIds":["c0c0c0c0-0000-4000-8000-000000000001"]}""", "body" },
    };

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public async Task Put_WithBadInput_Is400NamingTheField_AndWritesNothing(string name, string json, string field)
    {
        name = name.Replace("{name}", NewName(), StringComparison.Ordinal);

        using var response = await SendAsync(HttpMethod.Put, $"/admin/tenancies/{name}", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
        Assert.DoesNotContain("System.", errors.ToString(), StringComparison.Ordinal);
        if (TenancyNameIsValid(name))
        {
            using var read = await SendAsync(HttpMethod.Get, $"/admin/tenancies/{name}");
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        }
    }

    [Fact]
    public async Task Put_WithoutJsonContentType_Is400()
    {
        using var response = await SendAsync(HttpMethod.Put, $"/admin/tenancies/{NewName()}", new StringContent("""{"directoryIds":["c0c0c0c0-0000-4000-8000-000000000001"]}""", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    public static TheoryData<string, TestAccessToken?, string> Strangers => new()
    {
        { "no token", null, "missing_token" },
        { "a user's token", ContosoUser, "role_required" },
        { "an application without the role", TestAccessToken.AppOnly(ContosoDirectory, ApiClientId, "Account.Revoke.All"), "role_required" },
        // A customer's directory can grant its own daemon the role: it is not the platform's.
        { "an application of a customer's directory", Manager(FabrikamDirectory), "tenant_not_permitted" },
    };

    [Theory]
    [MemberData(nameof(Strangers))]
    public async Task Strangers_AreRefused_AndWriteNothing(string who, TestAccessToken? token, string reason)
    {
        var name = NewName();
        using var client = Client(token);

        using var response = await client.PutAsync($"/admin/tenancies/{name}", Json(new { directoryIds = new[] { FabrikamDirectory } }));

        await ProblemAssert.RefusedAsync(response, reason);
        using var read = await SendAsync(HttpMethod.Get, $"/admin/tenancies/{name}");
        Assert.True(read.StatusCode == HttpStatusCode.NotFound, who);
    }

    [Fact]
    public async Task List_PagesInNameOrder_WithNext()
    {
        var prefix = NewName();
        foreach (var suffix in new[] { "c", "a", "e", "b", "d" })
        {
            using var created = await PutAsync($"{prefix}-{suffix}", new { directoryIds = new[] { ContosoDirectory } });
        }

        var names = new List<string>();
        string? after = prefix;
        do
        {
            using var page = await SendAsync(HttpMethod.Get, $"/admin/tenancies?after={after}&limit=2");
            var body = await JsonAsync(page);
            names.AddRange(body.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("name").GetString()!).Where(n => n.StartsWith(prefix, StringComparison.Ordinal)));
            after = body.GetProperty("next").GetString();
        }
        while (after is not null && after.StartsWith(prefix, StringComparison.Ordinal));

        Assert.Equal(["a", "b", "c", "d", "e"], names.Select(n => n[^1..]));
        using var bad = await SendAsync(HttpMethod.Get, "/admin/tenancies?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Import_WritesEveryLineInOneTransaction_OrNothingWhenALineIsBad()
    {
        var prefix = NewName();
        var lines = string.Join('\n', Enumerable.Range(0, 3).Select(i => JsonSerializer.Serialize(new { name = $"{prefix}-{i}", directoryIds = new[] { ContosoDirectory } })));

        using var imported = await SendAsync(HttpMethod.Post, "/admin/tenancies/import", new StringContent(lines, Encoding.UTF8, "application/x-ndjson"));

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(3, (await JsonAsync(imported)).GetProperty("imported").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync($"{prefix}-2")).StatusCode);

        var bad = $$"""
            {"name":"{{prefix}}-x","directoryIds":["{{ContosoDirectory}}"]}
            {"name":"{{prefix}}-y","directoryIds":["nope"]}
            """;
        using var refused = await SendAsync(HttpMethod.Post, "/admin/tenancies/import", new StringContent(bad, Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await JsonAsync(refused)).GetProperty("errors").TryGetProperty("line 2: directoryIds[0]", out _));
        using var notWritten = await SendAsync(HttpMethod.Get, $"/admin/tenancies/{prefix}-x");
        Assert.Equal(HttpStatusCode.NotFound, notWritten.StatusCode);
    }

    private static bool TenancyNameIsValid(string name) => name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static string NewName() => $"t{Guid.NewGuid():N}"[..20];

    private HttpClient Client(TestAccessToken? token) => CreateClient(_host, _factory.Authority, token, tenancy: null);

    private async Task<HttpResponseMessage> PutAsync(string name, object document, EntityTagHeaderValue? ifMatch = null, EntityTagHeaderValue? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/admin/tenancies/{name}") { Content = Json(document) };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(ifMatch);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }

        using var client = Client(Manager(ContosoDirectory));
        return await client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var client = Client(Manager(ContosoDirectory));
        return await client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> GetMeAsync(string tenancy)
    {
        using var client = CreateClient(_host, _factory.Authority, ContosoUser, tenancy);
        return await client.GetAsync("/account/me");
    }

    private static StringContent Json(object document) => new(JsonSerializer.Serialize(document), Encoding.UTF8, "application/json");

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
