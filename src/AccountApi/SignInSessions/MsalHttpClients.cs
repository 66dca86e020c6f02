using Microsoft.Identity.Client;

namespace AccountApi.SignInSessions;

/// <summary>MSAL's HTTP through <see cref="IHttpClientFactory"/>, so the host decides the handler (and what it trusts).</summary>
internal sealed class MsalHttpClients(IHttpClientFactory factory) : IMsalHttpClientFactory
{
    public HttpClient GetHttpClient() => factory.CreateClient(SignInSessionOptions.HttpClientName);
}
