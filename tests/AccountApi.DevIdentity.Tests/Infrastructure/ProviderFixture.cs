namespace AccountApi.DevIdentity.Tests.Infrastructure;

/// <summary>
/// One provider host shared by the tests of a class (<c>IClassFixture</c>): for tests that neither move its clock,
/// rotate its key, change its configuration nor assert on everything it logged or revoked. Those start their own.
/// </summary>
public sealed class ProviderFixture : IAsyncLifetime
{
    private DevIdentityTestHost? _host;

    internal DevIdentityTestHost Host => _host ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync() => _host = await DevIdentityTestHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
