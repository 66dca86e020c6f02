namespace AccountApi.Tenancy;

/// <summary>The request's tenancy, set by <see cref="TenancyResolutionMiddleware"/>; handlers inject it.</summary>
public sealed class TenancyContext
{
    public TenancyResolution Resolution { get; private set; } = TenancyResolution.NotEvaluated;

    public TenancyInfo? Tenancy { get; private set; }

    public bool IsResolved => Resolution == TenancyResolution.Resolved;

    internal void Resolve(TenancyInfo tenancy) => (Resolution, Tenancy) = (TenancyResolution.Resolved, tenancy);

    internal void Refuse(TenancyResolution resolution) => (Resolution, Tenancy) = (resolution, null);
}
