using System.Net.Http.Headers;

namespace AccountApi.Testing;

/// <summary>Attaches a bearer token and an <c>X-Tenant-ID</c> to every request, the way a real client would.</summary>
public sealed class AccountHeadersHandler(string? accessToken, string? tenancy) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessToken is not null && request.Headers.Authorization is null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        if (tenancy is not null && !request.Headers.Contains(AccountApiHeaders.TenantId))
        {
            request.Headers.TryAddWithoutValidation(AccountApiHeaders.TenantId, tenancy);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
