using System.Net;
using AccountApi.Testing;

namespace AccountApi.Testing.Consumer;

// The package README's example (src/AccountApi.Testing/README.md), word for word: what a team writes after adding it.
public sealed class GetMeTests : IDisposable
{
    private static readonly Guid Contoso = Guid.Parse("c0c0c0c0-0000-4000-8000-000000000001");
    private readonly AccountApiTestFactory<Program> _api = new AccountApiTestFactory<Program>().WithTenancy("contoso", Contoso);

    [Fact]
    public async Task GetMe_WithAUserTokenOfTheTenancysDirectory_Returns200()
    {
        using var client = _api.CreateClient(_api.UserToken(Contoso).Build(), tenancy: "contoso");
        using var response = await client.GetAsync("/account/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GetMe_WithAnExpiredToken_Returns403InvalidToken()
    {
        using var client = _api.CreateClient(_api.UserToken(Contoso).Expired().Build(), tenancy: "contoso");
        using var response = await client.GetAsync("/account/me");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("\"invalid_token\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public void Dispose() => _api.Dispose();
}
