using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace AccountApi.SignInSessions;

/// <summary>
/// Ends a user's Entra sign-in sessions through Microsoft Graph's <c>POST /users/{id}/revokeSignInSessions</c>: the
/// refresh tokens and session cookies issued before it stop working, so no new access token can be minted without a
/// fresh sign-in. Access tokens already issued are not ended by it; the API's own cut-off does that.
/// </summary>
/// <remarks>
/// The Graph token is an app-only token of the user's directory (client credentials with <c>WithTenantId</c>), kept in
/// MSAL's in-memory token cache until it nears expiry.
/// </remarks>
internal sealed class SignInSessionRevoker
{
    private readonly SignInSessionOptions _options;
    private readonly IHttpClientFactory _http;
    private readonly ILogger<SignInSessionRevoker> _logger;
    private readonly Lazy<IConfidentialClientApplication> _application;

    public SignInSessionRevoker(IOptions<SignInSessionOptions> options, IHttpClientFactory http, ILogger<SignInSessionRevoker> logger)
    {
        _options = options.Value;
        _http = http;
        _logger = logger;
        _application = new(() => ConfidentialClientApplicationBuilder.Create(_options.ClientId)
            .WithClientSecret(_options.ClientSecret)
            // The tenant is set per request; the configured instance is used as it is, with no alias look-up.
            .WithAuthority(new Uri(new Uri(_options.Instance!), "organizations").ToString())
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(new MsalHttpClients(http))
            .Build());
    }

    /// <summary>Whether <c>Revocation:Graph</c> is set: without it, only the API's own cut-off is set.</summary>
    public bool IsConfigured => _options.IsConfigured;

    /// <summary>True when Graph ended the sessions; false (logged with the reason) when it did not.</summary>
    public async Task<bool> RevokeAsync(Guid directoryId, Guid objectId, string requestedBy, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        var user = $"{directoryId:D}/{objectId:D}";
        string accessToken;
        try
        {
            var result = await _application.Value.AcquireTokenForClient([_options.Scope])
                .WithTenantId(directoryId.ToString("D"))
                .ExecuteAsync(timeout.Token);
            accessToken = result.AccessToken;
        }
        catch (MsalServiceException exception)
        {
            // The error code (AADSTS…) says what to fix: consent missing in that directory, a wrong secret, ….
            SignInSessionLog.TokenRefused(_logger, user, requestedBy, exception.ErrorCode, exception.StatusCode);
            return false;
        }
        catch (Exception exception) when (exception is MsalException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            SignInSessionLog.Unreachable(_logger, user, requestedBy, "the authority", exception.GetType().Name);
            return false;
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{_options.BaseUrl.TrimEnd('/')}/users/{objectId:D}/revokeSignInSessions");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            using var response = await _http.CreateClient(SignInSessionOptions.HttpClientName).SendAsync(request, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                SignInSessionLog.Revoked(_logger, user, requestedBy);
                return true;
            }

            SignInSessionLog.GraphRefused(_logger, user, requestedBy, (int)response.StatusCode, await ErrorCodeAsync(response, timeout.Token));
            return false;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            SignInSessionLog.Unreachable(_logger, user, requestedBy, "Microsoft Graph", exception.GetType().Name);
            return false;
        }
    }

    // Graph's error.code (Request_ResourceNotFound, Authorization_RequestDenied, …): short, and all an operator needs.
    private static async Task<string> ErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            return document.RootElement.TryGetProperty("error", out var error)
                && error.TryGetProperty("code", out var code)
                && code.GetString() is { Length: > 0 and <= 100 } value
                && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-')
                ? value
                : "(none)";
        }
        catch (JsonException)
        {
            return "(not JSON)";
        }
    }
}
