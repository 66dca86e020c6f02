using System.Diagnostics;
using System.Diagnostics.Metrics;
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
    public const string PathTag = "path";

    private readonly Counter<long> _refusals;
    private readonly Counter<long> _tenancyResolutions;
    private readonly Counter<long> _revocations;
    private readonly Histogram<double> _validations;
    private readonly Meter _meter;
    private readonly bool _tagTenancy;

    public AccountMetrics(IMeterFactory meterFactory, IOptions<TelemetryOptions> options)
    {
        var meter = _meter = meterFactory.Create(MeterName);
        _refusals = meter.CreateCounter<long>("accountapi.refusals", "{refusal}", "403 answers, by the problem document's error.");
        _tenancyResolutions = meter.CreateCounter<long>("accountapi.tenancy.resolutions", "{resolution}", "X-Tenant-ID look-ups of authenticated callers, by outcome.");
        _revocations = meter.CreateCounter<long>("accountapi.token.revocations", "{token}", "Access tokens revoked (recorded) and revoked tokens presented (refused).");
        _validations = meter.CreateHistogram<double>(
            "accountapi.token.validation.duration", "s", "Time to authenticate a request's bearer token, by path: a validated-token cache hit, or the full pipeline.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.000_005, 0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.005, 0.025, 0.1, 1] });
        _tagTenancy = options.Value.TagTenancy;
    }

    /// <summary>A bearer token authenticated (or refused) on <paramref name="path"/>, one of <see cref="TokenValidationPaths"/>.</summary>
    public void TokenValidated(string path, TimeSpan elapsed) =>
        _validations.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>(PathTag, path));

    /// <summary>A 403 with <paramref name="reason"/>; <paramref name="tenancy"/> is a configured tenancy's name or null.</summary>
    public void Refused(string reason, string? tenancy = null)
    {
        var tags = new TagList { { ReasonTag, reason } };
        AddTenancy(ref tags, tenancy);
        _refusals.Add(1, tags);
    }

    /// <summary>The tenancy look-up's outcome (snake_case); <paramref name="tenancy"/> is the configured tenancy found, if any.</summary>
    public void TenancyResolved(string outcome, string? tenancy = null)
    {
        var tags = new TagList { { OutcomeTag, outcome } };
        AddTenancy(ref tags, tenancy);
        _tenancyResolutions.Add(1, tags);
    }

    /// <summary>A revocation <see cref="RevocationKinds.Recorded"/>, or a revoked token <see cref="RevocationKinds.Refused"/>.</summary>
    public void Revoked(string kind) => _revocations.Add(1, new KeyValuePair<string, object?>(KindTag, kind));

    /// <summary>The revocations held by this instance's store, read when metrics are collected.</summary>
    public void ObserveRevocations(Func<int> count) =>
        _meter.CreateObservableGauge("accountapi.revocation.entries", count, "{revocation}", "Revocations (single tokens and cut-offs) held in memory; new ones are refused at Revocation:MaxEntries.");

    private void AddTenancy(ref TagList tags, string? tenancy)
    {
        if (_tagTenancy && tenancy is not null)
        {
            tags.Add(TenancyTag, tenancy);
        }
    }
}
