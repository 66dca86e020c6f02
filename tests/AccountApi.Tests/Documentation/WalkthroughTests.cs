namespace AccountApi.Tests.Documentation;

/// <summary>README's curl walkthrough and AccountApi.http describe the same requests, so neither rots unnoticed.</summary>
public sealed class WalkthroughTests
{
    // A marker rather than a heading, so that rewording the README's headings cannot break the check.
    private const string Marker = "<!-- walkthrough";

    [Fact]
    public void RequestFile_MakesTheReadmeWalkthroughsRequests_InTheSameOrderWithTheSameParameters()
    {
        var readme = CurlWalkthrough.Parse(File.ReadAllText(Path.Combine(Repository.Root, "README.md")), Marker);
        var requestFile = RequestFile.Parse(File.ReadAllText(Path.Combine(Repository.Root, "AccountApi.http")));

        Assert.Equal(readme.Select(r => r.ToString()), requestFile.Select(r => r.ToString()));
    }

    [Fact]
    public void RequestFile_IsTheSeedsFlow_AuthorizeTokenMeRefreshMe_ThenOnboardsATenancyAndUsesIt()
    {
        var requests = RequestFile.Parse(File.ReadAllText(Path.Combine(Repository.Root, "AccountApi.http")));

        Assert.Equal(
            [
                "GET /organizations/oauth2/v2.0/authorize", "POST /organizations/oauth2/v2.0/token", "GET /account/me", "POST /organizations/oauth2/v2.0/token", "GET /account/me",
                "POST /c0c0c0c0-0000-4000-8000-000000000001/oauth2/v2.0/token", "PUT /admin/tenancies/globex", "GET /account/me",
            ],
            requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.Contains("login_hint", requests[0].ParameterNames);
        Assert.Contains("code", requests[1].ParameterNames);
        Assert.Contains("refresh_token", requests[3].ParameterNames);
    }

    [Fact]
    public void CurlWalkthrough_ReadsQuotedUrlsContinuationsAndFormFields()
    {
        const string Readme = "### Flow\n\n```bash\nBASE=https://idp.example/t\ncurl -s -o /dev/null \\\n  \"$BASE/authorize?a=1&b=2\"\ncurl -s ${BASE}/token -d x=1 --data-urlencode y=2 -H 'Z: 3'\n```\n";

        var requests = CurlWalkthrough.Parse(Readme, "### Flow");

        Assert.Equal(["GET /t/authorize (a, b)", "POST /t/token (x, y)"], requests.Select(r => r.ToString()));
    }
}
