using System.Diagnostics;
using System.Diagnostics.Metrics;
using AccountApi.Tenancy;
using Microsoft.Extensions.Options;

namespace AccountApi.Telemetry;

/// <summary>
/// The service's own meter, for what ASP.NET Core's authentication and authorization meters lack: why a request was
/// refused, how tenancies resolve, what is revoked. Every tag has a bounded set of values: a reason, an outcome, a
/// kind, and (behind <see cref="TelemetryOptions.TagTenancy"/>) a configured tenancy name; never a token or a user.
/// </summary>
internal sealed class AccountMetrics
{
    public const string MeterName = "AccountApi";
    public const string ReasonTag = "error";
    public const string OutcomeTag = "outcome";
    public const string KindTag = "kind";
    public const string TenancyTag = "tenancy";

    private readonly Counter<long> _refusals;
    private readonly Counter<long> _tenancyResolutions;
    private readonly Counter<long> _revocations;
    private readonly bool _tagTenancy;

    public AccountMetrics(IMeterFactory meterFactory, IOptions<TelemetryOptions> options)
    {
        var meter = meterFactory.Create(MeterName);
        _refusals = meter.CreateCounter<long>("accountapi.refusals", "{refusal}", "403 answers, by the problem document's error.");
        _tenancyResolutions = meter.CreateCounter<long>("accountapi.tenancy.resolutions", "{resolution}", "X-Tenant-ID look-ups of authenticated callers, by outcome.");
        _revocations = meter.CreateCounter<long>("accountapi.token.revocations", "{token}", "Access tokens revoked (recorded) and revoked tokens presented (refused).");
        _tagTenancy = options.Value.TagTenancy;
    }

    /// <summary>A 403 with <paramref name="reason"/>; <paramref name="tenancy"/> is a configured tenancy's name or null.</summary>
    public void Refused(string reason, string? tenancy = null)
    {
        var tags = new TagList { { ReasonTag, reason } };
        AddTenancy(ref tags, tenancy);
        _refusals.Add(1, tags);
    }

    /// <summary>The tenancy look-up's outcome; <paramref name="tenancy"/> is the configured tenancy found, if any.</summary>
    public void TenancyResolved(TenancyResolution outcome, string? tenancy = null)
    {
        var tags = new TagList { { OutcomeTag, OutcomeName(outcome) } };
        AddTenancy(ref tags, tenancy);
        _tenancyResolutions.Add(1, tags);
    }

    /// <summary>A revocation <see cref="RevocationKinds.Recorded"/>, or a revoked token <see cref="RevocationKinds.Refused"/>.</summary>
    public void Revoked(string kind) => _revocations.Add(1, new KeyValuePair<string, object?>(KindTag, kind));

    // snake_case like the refusal reasons: "not_evaluated", "missing", …
    internal static string OutcomeName(TenancyResolution outcome) =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(outcome.ToString());

    private void AddTenancy(ref TagList tags, string? tenancy)
    {
        if (_tagTenancy && tenancy is not null)
        {
            tags.Add(TenancyTag, tenancy);
        }
    }
}
