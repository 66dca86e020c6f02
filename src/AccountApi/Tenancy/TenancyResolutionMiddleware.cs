using AccountApi.Authentication;
using AccountApi.Telemetry;
using Microsoft.AspNetCore.Authorization;

namespace AccountApi.Tenancy;

/// <summary>
/// Reads <c>X-Tenant-ID</c>, looks the tenancy up and records the outcome in <see cref="TenancyContext"/>. It never
/// answers the request itself: authorization does, so that the order of refusal reasons lives in one place. It runs
/// after authentication and only for authenticated callers, so an anonymous caller learns nothing about tenancies.
/// </summary>
internal sealed class TenancyResolutionMiddleware(RequestDelegate next, TenancyStore store, AccountMetrics metrics, ILogger<TenancyResolutionMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context, TenancyContext tenancy)
    {
        // Public endpoints (health, OpenAPI, the development identity provider) opt out with AllowAnonymous metadata.
        var needsTenancy = context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null
            && context.User.Identity?.IsAuthenticated == true;
        if (needsTenancy)
        {
            Resolve(context, tenancy);
            metrics.TenancyResolved(tenancy.Resolution, tenancy.Tenancy?.Name);
        }

        return next(context);
    }

    private void Resolve(HttpContext context, TenancyContext tenancy)
    {
        var values = context.Request.Headers[TenancyHeaders.TenantId];
        if (values.Count > 1)
        {
            TenancyLog.SeveralValues(logger, values.Count);
            tenancy.Refuse(TenancyResolution.Invalid);
            return;
        }

        var name = values.Count == 1 ? values[0] : null;
        if (string.IsNullOrWhiteSpace(name))
        {
            TenancyLog.Missing(logger);
            tenancy.Refuse(TenancyResolution.Missing);
            return;
        }

        if (!TenancyName.IsValid(name))
        {
            TenancyLog.Malformed(logger, name.Length);
            tenancy.Refuse(TenancyResolution.Invalid);
            return;
        }

        var found = store.Find(name);
        var directory = context.User.FindFirst(EntraClaimTypes.TenantId)?.Value;
        var detail = found switch
        {
            null => "unknown tenancy",
            { Suspended: true } => "suspended tenancy",
            _ when !Guid.TryParse(directory, out var directoryId) || !found.Admits(directoryId) => $"directory {directory} is not admitted",
            _ => null,
        };

        if (detail is null)
        {
            tenancy.Resolve(found!);
        }
        else
        {
            TenancyLog.NotPermitted(logger, name, detail);
            tenancy.Refuse(TenancyResolution.NotPermitted);
        }
    }
}
