using System.Globalization;
using System.Text;
using AccountApi.Testing;
using AccountApi.TestInfrastructure;

namespace AccountApi.Bench;

/// <summary>
/// The benchmark's callers: three directories mapped to three tenancies, tokens minted by the test kit's
/// <see cref="TestAuthority"/>, written as request files for <see cref="Wrk"/> (one "tenancy token" per line).
/// </summary>
internal sealed class TokenMix(TestAuthority authority, string folder)
{
    public const string ApiClientId = AccountApiTestFactory<object>.DefaultApiClientId;
    public const int WarmUsers = 1000;

    private static readonly (string Tenancy, Guid Directory)[] s_tenancies =
    [
        ("contoso", TestDirectories.Contoso),
        ("fabrikam", TestDirectories.Fabrikam),
        ("northwind", Guid.Parse("0e0e0e0e-0000-4000-8000-000000000003")),
    ];

    /// <summary>The service's settings: three tenancies, every rate limit lifted (the load comes from one address).</summary>
    public static IReadOnlyDictionary<string, string> ServiceSettings(string authorityInstance)
    {
        var settings = new Dictionary<string, string>
        {
            ["AzureAd__Instance"] = authorityInstance,
            ["AzureAd__ClientId"] = ApiClientId,
            ["RateLimits__PerAddress__PermitLimit"] = "100000000",
            ["RateLimits__PerCaller__PermitLimit"] = "100000000",
            ["RateLimits__PerTenancy__PermitLimit"] = "100000000",
        };
        foreach (var (tenancy, directory) in s_tenancies)
        {
            settings[$"Tenancies__{tenancy}__DirectoryIds__0"] = directory.ToString();
        }

        return settings;
    }

    /// <summary>One valid token and its tenancy, for readiness probes and start-up timing.</summary>
    public (string Token, string Tenancy) Probe() => (authority.UserToken(s_tenancies[0].Directory, ApiClientId).Build(), s_tenancies[0].Tenancy);

    /// <summary><see cref="WarmUsers"/> users' tokens, each reused as clients reuse them.</summary>
    public string Warm() => Write("warm", Users(WarmUsers, builder => builder));

    /// <summary><paramref name="count"/> distinct tokens: the cycle length of the cold scenario.</summary>
    public string Cold(int count) => Write("cold", Users(count, builder => builder));

    /// <summary>
    /// Warm users whose tokens are about 8 KB: many <c>xms_cc</c> values (each a claim of its own), the only
    /// multi-valued claim the kit can add that the service does not echo in the body.
    /// </summary>
    public string Large(out int tokenBytes)
    {
        var capabilities = Enumerable.Range(0, 580).Select(i => string.Create(CultureInfo.InvariantCulture, $"cap{i:000}")).ToArray();
        var users = Users(WarmUsers, builder => builder.WithClientCapabilities(capabilities));
        tokenBytes = users[0].Token.Length;
        return Write("large", users);
    }

    /// <summary>
    /// Refused tokens: tampered after signing (published kid, signature does not match: a full RSA verification that
    /// fails), signed with a key the authority never published (unknown kid), and malformed ones.
    /// </summary>
    public string Refused()
    {
        var requests = new List<(string Tenancy, string Token)>();
        for (var i = 0; i < 300; i++)
        {
            var (tenancy, directory) = s_tenancies[i % s_tenancies.Length];
            requests.Add((tenancy, HostileTokens.Tampered(authority.UserToken(directory, ApiClientId).Build())));
            requests.Add((tenancy, authority.UserToken(directory, ApiClientId).SignedWithUnknownKey().Build()));
            if (i % 3 == 0)
            {
                var valid = authority.UserToken(directory, ApiClientId).Build();
                requests.Add((tenancy, valid[..valid.LastIndexOf('.')]));
                requests.Add((tenancy, valid[..(valid.Length / 2)] + "!!" + valid[(valid.Length / 2)..]));
                requests.Add((tenancy, "not-a-token"));
            }
        }

        return Write("refused", requests);
    }

    private List<(string Tenancy, string Token)> Users(int count, Func<TestTokenBuilder, TestTokenBuilder> shape)
    {
        var tokens = new (string Tenancy, string Token)[count];
        Parallel.For(0, count, i =>
        {
            var (tenancy, directory) = s_tenancies[i % s_tenancies.Length];
            tokens[i] = (tenancy, shape(authority.UserToken(directory, ApiClientId)).Build());
        });
        return [.. tokens];
    }

    private string Write(string name, List<(string Tenancy, string Token)> requests)
    {
        var path = Path.Combine(folder, name + ".requests");
        var text = new StringBuilder();
        foreach (var (tenancy, token) in requests)
        {
            text.Append(tenancy).Append(' ').Append(token).Append('\n');
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }
}
