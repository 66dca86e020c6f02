using System.Security.Claims;

namespace AccountApi.TokenCache;

/// <summary>What an entry of the validated-token cache is charged against its byte budget.</summary>
internal static class TokenCacheCharge
{
    /// <summary>
    /// What an entry holds: two bytes a character of its claims, the objects around each claim, the token's text (its
    /// key, one byte a character) and the entry.
    /// </summary>
    /// <remarks>
    /// Fitted to what entries really hold, with a margin so that the byte bound holds (TokenCacheMemoryTests): an
    /// ordinary token's entry (15 claims) holds about 4.5 KB and is charged 5.3 KB; with 40 more claims, 9.9 KB and
    /// 11.9 KB, plus the token's text. The entry's own share is the table's node, the entry, the digest, the principal
    /// and identity with their claim lists, the revocation subject, and the authentication result hits share (its task and
    /// ticket, 160 bytes).
    /// </remarks>
    public static long EstimatedBytes(ClaimsPrincipal principal, int tokenLength)
    {
        long bytes = 2720 + 32 + tokenLength;
        foreach (var claim in principal.Claims)
        {
            bytes += 128 + (2L * (claim.Type.Length + claim.Value.Length));
        }

        return bytes;
    }
}
