namespace AccountApi.DevIdentity.Tests.Infrastructure;

/// <summary>The development data the provider is configured with in these tests (the same as the host's).</summary>
internal static class DevData
{
    public const string Prefix = "";
    public const string BaseAddress = "https://localhost:5443";
    public const string ApiClientId = "11111111-1111-4111-8111-111111111111";
    public const string ApiScopePrefix = "api://" + ApiClientId + "/";
    public const string ContosoTenantId = "c0c0c0c0-0000-4000-8000-000000000001";
    public const string FabrikamTenantId = "fabfab00-0000-4000-8000-000000000002";
    public const string Alice = "alice@contoso.example";
    public const string AliceObjectId = "a11ce000-0000-4000-8000-000000000001";
    public const string Carol = "carol@contoso.example";
    public const string Bob = "bob@fabrikam.example";
    public const string CliClientId = "22222222-2222-4222-8222-222222222222";
    public const string CliSecret = "dev-cli-secret";
    public const string CliRedirect = "http://localhost:3000/callback";
    public const string SpaClientId = "33333333-3333-4333-8333-333333333333";
    public const string SpaRedirect = "http://localhost:3000/spa";
    public const string DaemonClientId = "44444444-4444-4444-8444-444444444444";
    public const string DaemonSecret = "dev-daemon-secret";

    public static Dictionary<string, string?> Settings(string signingKeyPath) => new()
    {
        ["DevIdentity:Enabled"] = "true",
        ["DevIdentity:PublicBaseAddress"] = BaseAddress,
        ["DevIdentity:SigningKeyPath"] = signingKeyPath,
        ["DevIdentity:Api:ClientId"] = ApiClientId,
        ["DevIdentity:Api:Scopes:0"] = "Account.Read",
        ["DevIdentity:Api:Scopes:1"] = "Reports.Read",
        ["DevIdentity:Api:AppRoles:0"] = "Account.Read.All",
        ["DevIdentity:Directories:Contoso:TenantId"] = ContosoTenantId,
        ["DevIdentity:Directories:Contoso:DisplayName"] = "Contoso",
        ["DevIdentity:Directories:Contoso:Users:0:UserName"] = Alice,
        ["DevIdentity:Directories:Contoso:Users:0:DisplayName"] = "Alice Example",
        ["DevIdentity:Directories:Contoso:Users:0:ObjectId"] = AliceObjectId,
        ["DevIdentity:Directories:Contoso:Users:1:UserName"] = Carol,
        ["DevIdentity:Directories:Contoso:Users:1:DisplayName"] = "Carol Example",
        ["DevIdentity:Directories:Contoso:Users:1:ObjectId"] = "ca000000-0000-4000-8000-000000000002",
        ["DevIdentity:Directories:Fabrikam:TenantId"] = FabrikamTenantId,
        ["DevIdentity:Directories:Fabrikam:DisplayName"] = "Fabrikam",
        ["DevIdentity:Directories:Fabrikam:Users:0:UserName"] = Bob,
        ["DevIdentity:Directories:Fabrikam:Users:0:DisplayName"] = "Bob Example",
        ["DevIdentity:Directories:Fabrikam:Users:0:ObjectId"] = "b0b00000-0000-4000-8000-000000000003",
        ["DevIdentity:Clients:account-cli:ClientId"] = CliClientId,
        ["DevIdentity:Clients:account-cli:ClientSecret"] = CliSecret,
        ["DevIdentity:Clients:account-cli:RedirectUris:0"] = CliRedirect,
        ["DevIdentity:Clients:account-spa:ClientId"] = SpaClientId,
        ["DevIdentity:Clients:account-spa:Public"] = "true",
        ["DevIdentity:Clients:account-spa:RedirectUris:0"] = "http://localhost:5080/swagger/oauth2-redirect.html",
        ["DevIdentity:Clients:account-spa:RedirectUris:1"] = SpaRedirect,
        ["DevIdentity:Clients:account-daemon:ClientId"] = DaemonClientId,
        ["DevIdentity:Clients:account-daemon:ClientSecret"] = DaemonSecret,
        ["DevIdentity:Clients:account-daemon:AllowClientCredentials"] = "true",
        ["DevIdentity:Clients:account-daemon:AppRoles:0"] = "Account.Read.All",
    };
}
