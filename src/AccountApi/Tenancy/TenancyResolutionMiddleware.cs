using AccountApi.Telemetry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Primitives;

namespace AccountApi.Tenancy;

/// <summary>
/// Reads <c>X-Tenant-ID</c> and looks the name up: a tenancy, none, or a malformed header, recorded in
/// <see cref="TenancyContext"/>. It decides nothing and never answers: the policy's tenancy requirement does, so the
/// order of refusal reasons lives in authorization. It runs after authentication and only for authenticated callers,
/// so an anonymous caller learns nothing about tenancies.
/// </summary>
internal sealed class TenancyResolutionMiddleware(RequestDelegate next, TenancyStore store, AccountMetrics metrics, ILogger<TenancyResolutionMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var tenancy = TenancyContext.Of(context);
        var metadata = context.GetEndpoint()?.Metadata;
        var needsTenancy = metadata?.GetMetadata<IAllowAnonymous>() is null
            && metadata?.GetMetadata<WithoutTenancyAttribute>() is null
            && context.User.Identity?.IsAuthenticated == true;
        if (!needsTenancy)
        {
            return next(context);
        }

        var found = Resolve(context.Request.Headers[TenancyHeaders.TenantId], tenancy, context.RequestAborted);
        if (!found.IsCompletedSuccessfully)
        {
            return ResolvedAsync(context, tenancy, found);
        }

        found.GetAwaiter().GetResult();
        metrics.TenancyResolved(TenancyResolutionNames.Of(tenancy.Resolution), tenancy.Tenancy?.Name);
        return next(context);
    }

    // Only in the first moments of an instance, while its registry is still loading (TenancyStore.FindAsync).
    private async Task ResolvedAsync(HttpContext context, TenancyContext tenancy, ValueTask found)
    {
        await found;
        metrics.TenancyResolved(TenancyResolutionNames.Of(tenancy.Resolution), tenancy.Tenancy?.Name);
        await next(context);
    }

    private ValueTask Resolve(StringValues values, TenancyContext tenancy, CancellationToken aborted)
    {
        if (values.Count > 1)
        {
            TenancyLog.SeveralValues(logger, values.Count);
            tenancy.NotFound(TenancyResolution.Invalid);
            return ValueTask.CompletedTask;
        }

        var name = values.Count == 1 ? values[0] : null;
        if (string.IsNullOrWhiteSpace(name))
        {
            TenancyLog.Missing(logger);
            tenancy.NotFound(TenancyResolution.Missing);
        }
        else if (!TenancyName.IsValid(name))
        {
            TenancyLog.Malformed(logger, name.Length);
            tenancy.NotFound(TenancyResolution.Invalid);
        }
        else
        {
            var found = store.FindAsync(name, aborted);
            return found.IsCompletedSuccessfully ? Record(tenancy, name, found.Result) : RecordAsync(tenancy, name, found);
        }

        return ValueTask.CompletedTask;
    }

    private static ValueTask Record(TenancyContext tenancy, string name, TenancyInfo? found)
    {
        if (found is not null)
        {
            tenancy.Found(found);
        }
        else
        {
            tenancy.NotFound(TenancyResolution.Unknown, name);
        }

        return ValueTask.CompletedTask;
    }

    private static async ValueTask RecordAsync(TenancyContext tenancy, string name, ValueTask<TenancyInfo?> found) =>
        await Record(tenancy, name, await found);
}
