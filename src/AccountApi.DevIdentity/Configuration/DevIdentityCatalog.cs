using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace AccountApi.DevIdentity.Configuration;

/// <summary>
/// The validated configuration as a read-only model: the API, directories, users and clients, looked up by id.
/// </summary>
internal sealed class DevIdentityCatalog
{
    private readonly Dictionary<Guid, DevDirectory> _directories = [];
    private readonly Dictionary<string, DevUser> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Guid, DevUser> _usersByObjectId = [];
    private readonly Dictionary<string, DevClient> _clients = new(StringComparer.OrdinalIgnoreCase);

    public DevIdentityCatalog(IOptions<DevIdentityOptions> options)
    {
        var value = options.Value;
        ApiClientId = Guid.Parse(value.Api.ClientId).ToString("D");
        ApiScopes = [.. value.Api.Scopes];
        AccessTokenLifetime = value.AccessTokenLifetime;
        RefreshTokenLifetime = value.RefreshTokenLifetime;
        Urls = new ProviderUrls(value.PublicBaseAddress);

        foreach (var directoryOptions in value.Directories.Values)
        {
            var directory = new DevDirectory(Guid.Parse(directoryOptions.TenantId), directoryOptions.DisplayName);
            foreach (var user in directoryOptions.Users)
            {
                var devUser = new DevUser(user.UserName, user.DisplayName, Guid.Parse(user.ObjectId), directory);
                directory.AddUser(devUser);
                _users.Add(devUser.UserName, devUser);
                _usersByObjectId.Add(devUser.ObjectId, devUser);
            }

            _directories.Add(directory.TenantId, directory);
        }

        foreach (var (name, client) in value.Clients)
        {
            var clientId = Guid.Parse(client.ClientId).ToString("D");
            _clients.Add(clientId, new DevClient(
                name,
                clientId,
                client.Public ? null : client.ClientSecret,
                [.. client.RedirectUris],
                client.Public,
                client.AllowClientCredentials,
                [.. client.AppRoles],
                [.. client.GraphRoles],
                DeriveServicePrincipalId(clientId)));
        }
    }

    /// <summary>The API's application id in lower-case "D" form; the <c>aud</c> of access tokens.</summary>
    public string ApiClientId { get; }

    public IReadOnlyList<string> ApiScopes { get; }

    public TimeSpan AccessTokenLifetime { get; }

    public TimeSpan RefreshTokenLifetime { get; }

    public ProviderUrls Urls { get; }

    public IEnumerable<DevDirectory> Directories => _directories.Values;

    public DevDirectory? FindDirectory(Guid tenantId) => _directories.GetValueOrDefault(tenantId);

    public DevUser? FindUser(string? userName) => userName is null ? null : _users.GetValueOrDefault(userName);

    public DevUser? FindUser(Guid objectId) => _usersByObjectId.GetValueOrDefault(objectId);

    public IEnumerable<DevClient> Clients => _clients.Values;

    public DevClient? FindClient(string? clientId) =>
        Guid.TryParse(clientId, out var id) ? _clients.GetValueOrDefault(id.ToString("D")) : null;

    /// <summary>Whether <paramref name="id"/> is the API's or a client's application id.</summary>
    public bool IsApplicationId(Guid id) =>
        string.Equals(id.ToString("D"), ApiClientId, StringComparison.Ordinal) || _clients.ContainsKey(id.ToString("D"));

    // A client's service principal needs a stable object id (its tokens' oid and sub); derive one from the client id.
    private static Guid DeriveServicePrincipalId(string clientId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("service-principal:" + clientId));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
