namespace AccountApi.Entra;

/// <summary>Clock differences between Entra and this service.</summary>
internal static class TokenClock
{
    /// <summary>How far a token's lifetime is stretched for clock differences; revocations are kept that much longer.</summary>
    public static readonly TimeSpan Skew = TimeSpan.FromMinutes(2);
}
