using AccountApi.Refusals;

namespace AccountApi.Tenancy;

/// <summary>
/// The request's tenancy: found by <see cref="TenancyResolutionMiddleware"/>, permitted (or not) by
/// <see cref="TenancyPermission"/>. Held in the request's features and reached one way, <see cref="Of"/>;
/// endpoints read <see cref="Tenancy"/> once <see cref="IsPermitted"/>.
/// </summary>
public sealed class TenancyContext : IRequestTenancyFeature
{
    private HttpRequest? _request;

    public TenancyResolution Resolution { get; private set; } = TenancyResolution.NotEvaluated;

    /// <summary>The tenancy <c>X-Tenant-ID</c> named, when one is configured under that name.</summary>
    public TenancyInfo? Tenancy { get; private set; }

    /// <summary>The well-formed name the caller asked for (safe to log: letters, digits and '-'), found or not.</summary>
    public string? RequestedName { get; private set; }

    /// <summary>Authorization admitted the caller to <see cref="Tenancy"/>.</summary>
    public bool IsPermitted { get; private set; }

    string? IRequestTenancyFeature.ConfiguredName => Tenancy?.Name;

    // A refusal's log line names the tenancy even when it was never looked up (an anonymous caller): read from the
    // header only then, and only a well-formed name, since anything else in it could forge log content.
    string? IRequestTenancyFeature.RequestedName => RequestedName
        ?? (_request?.Headers[TenancyHeaders.TenantId] is [{ } name] && TenancyName.IsValid(name) ? name : null);

    internal void Found(TenancyInfo tenancy) => (Resolution, Tenancy, RequestedName) = (TenancyResolution.Found, tenancy, tenancy.Name);

    internal void NotFound(TenancyResolution resolution, string? requestedName = null) =>
        (Resolution, Tenancy, RequestedName) = (resolution, null, requestedName);

    internal void Permit() => IsPermitted = Tenancy is not null;

    /// <summary>The request's tenancy, created (not evaluated) on first use; no container look-up on the hot path.</summary>
    internal static TenancyContext Of(HttpContext context)
    {
        if (context.Features.Get<TenancyContext>() is { } tenancy)
        {
            return tenancy;
        }

        tenancy = new TenancyContext { _request = context.Request };
        context.Features.Set(tenancy);
        context.Features.Set<IRequestTenancyFeature>(tenancy);
        return tenancy;
    }
}
