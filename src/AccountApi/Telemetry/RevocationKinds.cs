namespace AccountApi.Telemetry;

/// <summary>The <c>kind</c> tag of <c>accountapi.token.revocations</c>.</summary>
internal static class RevocationKinds
{
    /// <summary>A token was added to the revocation store.</summary>
    public const string Recorded = "recorded";

    /// <summary>A revoked token was presented and refused.</summary>
    public const string Refused = "refused";
}
