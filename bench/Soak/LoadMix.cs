using System.Globalization;
using System.Text;
using AccountApi.Testing;
using AccountApi.TestInfrastructure;

namespace AccountApi.Soak;

/// <summary>
/// The requests the soak sends, round-robin, written as a wrk Lua script: what good callers, broken clients and
/// attackers send. The script counts answers by status class.
/// </summary>
internal static class LoadMix
{
    private static readonly Guid s_contoso = TestDirectories.Contoso;
    private static readonly Guid s_fabrikam = TestDirectories.Fabrikam;

    public const string ApiClientId = "11111111-1111-4111-8111-111111111111";

    public static IReadOnlyDictionary<string, string> ServiceSettings { get; } = new Dictionary<string, string>
    {
        ["AzureAd__ClientId"] = ApiClientId,
        ["Tenancies__contoso__DirectoryIds__0"] = s_contoso.ToString(),
        ["Tenancies__fabrikam__DirectoryIds__0"] = s_fabrikam.ToString(),
        // The load comes from one address and one tenancy: lift those tiers so that the per-caller tier (default 300 a
        // minute) is the one the hot caller below runs into.
        ["RateLimits__PerAddress__PermitLimit"] = "100000000",
        ["RateLimits__PerTenancy__PermitLimit"] = "100000000",
    };

    /// <summary>
    /// Writes the script; returns the token of a user who signs out everywhere before the load starts (the soak
    /// revokes it through the API), so that the mix also carries revoked tokens.
    /// </summary>
    public static string WriteScript(TestAuthority authority, string path)
    {
        var revoked = authority.UserToken(s_contoso, ApiClientId).Build();
        // 1,000 valid callers (tokens reused, as clients reuse them), one hot caller far over its rate limit, and one
        // of each kind of bad request among them.
        var requests = new List<(string? Token, string? Tenancy)>();
        var hotCaller = authority.UserToken(s_contoso, ApiClientId).Build();
        for (var i = 0; i < 1000; i++)
        {
            requests.Add((authority.UserToken(s_contoso, ApiClientId).Build(), "contoso"));
            if (i % 5 == 0)
            {
                requests.Add((hotCaller, "contoso"));
            }

            if (i % 10 == 0)
            {
                requests.Add((authority.UserToken(s_contoso, ApiClientId).Expired().Build(), "contoso"));
                requests.Add((authority.UserToken(s_contoso, ApiClientId).SignedWithUnknownKey().Build(), "contoso"));
                requests.Add((authority.UserToken(s_contoso, ApiClientId).WithAlgorithmNone().Build(), "contoso"));
                requests.Add((authority.UserToken(s_fabrikam, ApiClientId).Build(), "contoso"));
                requests.Add((authority.UserToken(s_contoso, ApiClientId).Build(), null));
                requests.Add((null, "contoso"));
                requests.Add((revoked, "contoso"));
            }
        }

        var lua = new StringBuilder();
        lua.AppendLine("local requests = {");
        foreach (var (token, tenancy) in requests)
        {
            lua.Append(CultureInfo.InvariantCulture, $"  {{ {Field("token", token)}, {Field("tenancy", tenancy)} }},\n");
        }

        lua.Append(Script);
        File.WriteAllText(path, lua.ToString());
        return revoked;
    }

    private static string Field(string name, string? value) => value is null ? $"{name} = nil" : $"{name} = \"{value}\"";

    private const string Script = """
        }
        local counter = 0
        c2xx, c403, c429, c503, c4xx, c5xx = 0, 0, 0, 0, 0, 0
        local threads = {}
        function setup(thread) table.insert(threads, thread) end
        function request()
          counter = counter + 1
          local r = requests[(counter % #requests) + 1]
          local headers = {}
          if r.token then headers["Authorization"] = "Bearer " .. r.token end
          if r.tenancy then headers["X-Tenant-ID"] = r.tenancy end
          return wrk.format("GET", "/account/me", headers)
        end
        function response(status, headers, body)
          if status < 300 then c2xx = c2xx + 1
          elseif status == 403 then c403 = c403 + 1
          elseif status == 429 then c429 = c429 + 1
          elseif status == 503 then c503 = c503 + 1
          elseif status < 500 then c4xx = c4xx + 1
          else c5xx = c5xx + 1 end
        end
        function done(summary, latency, requests)
          local total = { c2xx = 0, c403 = 0, c429 = 0, c503 = 0, c4xx = 0, c5xx = 0 }
          for _, t in ipairs(threads) do
            for name, _ in pairs(total) do total[name] = total[name] + t:get(name) end
          end
          local e = summary.errors
          io.write(string.format("SOAK 2xx=%d 403=%d 429=%d 503=%d other4xx=%d 5xx=%d connect=%d read=%d write=%d timeout=%d\n",
            total.c2xx, total.c403, total.c429, total.c503, total.c4xx, total.c5xx, e.connect, e.read, e.write, e.timeout))
        end
        """;
}
