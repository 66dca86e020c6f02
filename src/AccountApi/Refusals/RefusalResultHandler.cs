using AccountApi.Authentication;
using AccountApi.Telemetry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;

namespace AccountApi.Refusals;

/// <summary>
/// The single place where every failed authorization becomes a 403 problem document. JwtBearer's own challenge is
/// never invoked: it would answer 401 and could put validator messages in <c>WWW-Authenticate</c>.
/// </summary>
internal sealed class RefusalResultHandler(
    IOptions<AzureAdOptions> azureAd, AuthorityHealth authority, AccountMetrics metrics, ILogger<RefusalResultHandler> logger)
    : IAuthorizationMiddlewareResultHandler
{
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await next(context);
            return;
        }

        var (reason, claimsChallenge) = authorizeResult.Challenged
            ? await ClassifyAuthenticationAsync(context)
            : ClassifyFailure(authorizeResult.AuthorizationFailure);

        var tenancy = context.Features.Get<IRequestTenancyFeature>();
        RefusalLog.Refused(logger, reason, tenancy?.RequestedName);
        metrics.Refused(reason, tenancy?.ConfiguredName);
        await ProblemDocuments.WriteRefusalAsync(context, reason, azureAd.Value.FullyQualifiedScopes, claimsChallenge);
    }

    private async Task<(string Reason, string? ClaimsChallenge)> ClassifyAuthenticationAsync(HttpContext context)
    {
        // The default scheme's result, cached per request by its handler: the token is not validated a second time.
        if ((await context.AuthenticateAsync()).Failure is { } failure)
        {
            // Every failure source ends here: IdentityModel's validators, Identity.Web's claim check, revocation,
            // the metadata fetch. Each is logged under its own event (an outage once, by AuthorityHealth).
            switch (AuthenticationFailures.Classify(failure, authority.IsUnavailable))
            {
                case AuthenticationFailure.AuthorityUnavailable:
                    AuthenticationLog.TokenNotChecked(logger, RefusalReasons.AuthorityUnavailable, failure.Message);
                    return (RefusalReasons.AuthorityUnavailable, null);
                case AuthenticationFailure.RevocationUnavailable:
                    AuthenticationLog.TokenNotChecked(logger, RefusalReasons.RevocationUnavailable, failure.Message);
                    return (RefusalReasons.RevocationUnavailable, null);
                case AuthenticationFailure.RevokedToken:
                    var revoked = (TokenRevokedException)failure;
                    AuthenticationLog.RevokedTokenPresented(
                        logger, RefusalReasons.InvalidToken, revoked.Revocation.Kind.ToString().ToLowerInvariant(), failure.Message);
                    return (RefusalReasons.InvalidToken, revoked.ClaimsChallenge);
                default:
                    AuthenticationLog.TokenRejected(logger, RefusalReasons.InvalidToken, failure.Message);
                    return (RefusalReasons.InvalidToken, null);
            }
        }

        return (RefusalReasons.MissingToken, null);
    }

    private static (string Reason, string? ClaimsChallenge) ClassifyFailure(AuthorizationFailure? failure)
    {
        var reasons = failure?.FailureReasons.Select(reason => reason.Message).ToHashSet(StringComparer.Ordinal) ?? [];
        // Fail closed: a failure no requirement explained is still a refusal, reported as the weakest token reason.
        var reason = RefusalReasons.InPriorityOrder.FirstOrDefault(reasons.Contains) ?? RefusalReasons.InsufficientScope;
        var challenge = reason == RefusalReasons.InsufficientClaims
            ? failure!.FailureReasons.OfType<ClaimsChallengeFailure>().First().ClaimsChallenge
            : null;
        return (reason, challenge);
    }
}
