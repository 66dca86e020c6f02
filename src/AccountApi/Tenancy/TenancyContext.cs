namespace AccountApi.Tenancy;

/// <summary>
/// The request's tenancy: found by <see cref="TenancyResolutionMiddleware"/>, permitted (or not) by the
/// authorization policy's tenancy requirement. Handlers inject it and read <see cref="Tenancy"/> once permitted.
/// </summary>
public sealed class TenancyContext
{
    public TenancyResolution Resolution { get; private set; } = TenancyResolution.NotEvaluated;

    /// <summary>The tenancy <c>X-Tenant-ID</c> named, when one is configured under that name.</summary>
    public TenancyInfo? Tenancy { get; private set; }

    /// <summary>The well-formed name the caller asked for (safe to log: letters, digits and '-'), found or not.</summary>
    public string? RequestedName { get; private set; }

    /// <summary>Authorization admitted the caller to <see cref="Tenancy"/>.</summary>
    public bool IsPermitted { get; private set; }

    internal void Found(TenancyInfo tenancy) => (Resolution, Tenancy, RequestedName) = (TenancyResolution.Found, tenancy, tenancy.Name);

    internal void NotFound(TenancyResolution resolution, string? requestedName = null) =>
        (Resolution, Tenancy, RequestedName) = (resolution, null, requestedName);

    internal void Permit() => IsPermitted = Tenancy is not null;

    /// <summary>
    /// The request's tenancy: the one <see cref="TenancyResolutionMiddleware"/> put in the request's features (no
    /// container look-up on the hot path), or the scoped instance where the middleware has not run.
    /// </summary>
    internal static TenancyContext Of(HttpContext context) =>
        context.Features.Get<TenancyContext>() ?? context.RequestServices.GetRequiredService<TenancyContext>();
}
