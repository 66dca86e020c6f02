namespace AccountApi.Refusals;

/// <summary>
/// The tenancy a request named, as a refusal's log line and metric report it. Set by the tenancy resolution, which
/// knows tenancies; refusals only read it.
/// </summary>
public interface IRequestTenancyFeature
{
    /// <summary>The well-formed name the caller sent (letters, digits, '-': safe to log), found or not; null when not read.</summary>
    string? RequestedName { get; }

    /// <summary>The configured tenancy it named, if any: one of a bounded set of names, fit for a metric tag.</summary>
    string? ConfiguredName { get; }
}
