namespace AccountApi.TokenCache;

/// <summary>
/// The <c>TokenCache</c> section: tokens the full validation pipeline accepted, remembered so that the same token's
/// next request skips parsing and the signature. Both bounds hold at once: an entry is charged its estimated size,
/// and at least <see cref="MaxMegabytes"/> ÷ <see cref="MaxEntries"/>.
/// </summary>
public sealed class TokenCacheOptions
{
    public const string SectionName = "TokenCache";

    /// <summary>Off: every request is validated in full (JwtBearer, Identity.Web, revocation), as before the cache.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The most tokens remembered. A token lives 60–90 minutes, so this is roughly the active users one instance
    /// serves without a miss; a miss costs one full validation, never a refusal. From 1 to 1,000,000.
    /// </summary>
    public int MaxEntries { get; set; } = 10_000;

    /// <summary>The most memory the remembered principals take, estimated from their claims. From 1 to 4,096.</summary>
    public int MaxMegabytes { get; set; } = 16;
}
