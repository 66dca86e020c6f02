namespace AccountApi.Logging;

/// <summary>
/// Every event id the service logs, in one place: operators filter on them (docs/operations.md), so an id names one
/// event for good. A test fails when two events share an id. Ranges: 1xxx authentication and the token cache, 2xxx
/// tenancy, 3xxx authorization refusals, 4xxx revocation, 5xxx rate limiting.
/// </summary>
internal static class EventIds
{
    public const int TokenRejected = 1001;
    public const int AuthorityUnavailable = 1002;
    public const int RevokedTokenPresented = 1003;
    public const int AuthorityRecovered = 1004;
    public const int TokenNotChecked = 1005;
    public const int SigningKeysWithdrawn = 1101;

    // 2001 and 2002 (configuration reloads of the Tenancies section) are retired: the section is only the registry's seed.
    public const int TenancyMissing = 2003;
    public const int TenancySeveralValues = 2004;
    public const int TenancyMalformed = 2005;
    public const int TenancyNotPermitted = 2006;
    public const int TenancyPolicyNotMet = 2007;
    public const int TenancyRegistryLoaded = 2101;
    public const int TenancyRegistrySeeded = 2102;
    public const int TenancyRegistryUnreachable = 2103;
    public const int TenancyRegistryRecovered = 2104;

    /// <summary>The audit event of a tenancy change through the admin API.</summary>
    public const int TenancyChanged = 2105;
    public const int TenanciesImported = 2106;
    public const int TenancyWriteFailed = 2107;
    public const int TenancyRegistryLoadFailed = 2108;

    public const int RequestRefused = 3001;

    /// <summary>The audit event of a subject revocation: the one operators are told to filter on.</summary>
    public const int SubjectRevoked = 4001;
    public const int SubjectNotRevoked = 4002;
    public const int RedisLost = 4003;
    public const int RedisLoaded = 4004;
    public const int RedisLoadFailed = 4005;
    public const int MalformedRevocation = 4006;
    public const int RevocationsNearlyFull = 4007;
    public const int RevocationsStale = 4008;
    public const int RevocationsCaughtUp = 4009;
    public const int SignInSessionsRevoked = 4101;
    public const int SignInSessionsTokenRefused = 4102;
    public const int SignInSessionsGraphRefused = 4103;
    public const int SignInSessionsUnreachable = 4104;

    public const int RateLimited = 5001;
    public const int RateLimitsLocalOnly = 5002;
    public const int RateLimitsSharedAgain = 5003;
    public const int RateLimitLeaseFailed = 5004;
}
