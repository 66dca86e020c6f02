using System.Security.Claims;
using AccountApi.Entra;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AccountApi.Authentication;

/// <summary>
/// What the service reads from a validated principal (rate-limit partition, authorization, the account), read once
/// per token: a principal from <c>CachedBearerHandler</c> carries them, so a cache hit reads no claim again.
/// </summary>
internal sealed class ValidatedCaller
{
    private ValidatedCaller(ClaimsPrincipal user)
    {
        ObjectId = user.FindFirst(EntraClaimNames.ObjectId)?.Value;
        DirectoryId = user.FindFirst(EntraClaimNames.DirectoryId)?.Value;
        Directory = Guid.TryParse(DirectoryId, out var directory) ? directory : null;
        Name = user.FindFirst(JwtRegisteredClaimNames.Name)?.Value;
        Username = user.FindFirst(JwtRegisteredClaimNames.PreferredUsername)?.Value;
        IsAppOnly = user.IsAppOnly();
        IsDelegated = user.IsDelegated();
        Scopes = [.. user.FindAll(EntraClaimNames.Scope).SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
        Roles = [.. user.FindAll(EntraClaimNames.Roles).Select(claim => claim.Value)];
        AuthenticationContexts = [.. user.FindAll(EntraClaimNames.AuthenticationContexts).Select(claim => claim.Value)];
        RateLimitPartition = IsAppOnly
            ? $"app:{DirectoryId}/{user.FindFirst(JwtRegisteredClaimNames.Azp)?.Value}"
            : $"user:{DirectoryId}/{ObjectId}";
    }

    /// <summary>The user's object id (<c>oid</c>).</summary>
    public string? ObjectId { get; }

    /// <summary>The directory (<c>tid</c>) as the token has it: the validator has made it the lower-case GUID.</summary>
    public string? DirectoryId { get; }

    public Guid? Directory { get; }

    public string? Name { get; }

    public string? Username { get; }

    /// <inheritdoc cref="EntraPrincipal.IsAppOnly"/>
    public bool IsAppOnly { get; }

    /// <inheritdoc cref="EntraPrincipal.IsDelegated"/>
    public bool IsDelegated { get; }

    /// <summary>The delegated scopes (<c>scp</c>, space-separated in the token).</summary>
    public IReadOnlyList<string> Scopes { get; }

    // The answer for the policy's accepted scopes (one collection per process), kept with the token's other facts.
    private ScopeVerdict? _scopeVerdict;

    /// <summary>Whether <see cref="Scopes"/> holds one of <paramref name="accepted"/>: computed once per token and collection.</summary>
    public bool GrantsAnyOf(IReadOnlyCollection<string> accepted)
    {
        if (Volatile.Read(ref _scopeVerdict) is { } verdict && ReferenceEquals(verdict.Accepted, accepted))
        {
            return verdict.Granted;
        }

        var granted = Scopes.Any(accepted.Contains);
        Volatile.Write(ref _scopeVerdict, new ScopeVerdict(accepted, granted));
        return granted;
    }

    private sealed record ScopeVerdict(IReadOnlyCollection<string> Accepted, bool Granted);

    public IReadOnlyList<string> Roles { get; }

    /// <summary>The Conditional Access authentication contexts the sign-in satisfied (<c>acrs</c>).</summary>
    public IReadOnlyList<string> AuthenticationContexts { get; }

    /// <summary>Whose per-caller budget the request spends: a user by directory and object id, an app by directory and client id.</summary>
    public string RateLimitPartition { get; }

    /// <summary>The facts of <paramref name="user"/>: carried by a principal from the cached scheme, read from the claims otherwise.</summary>
    public static ValidatedCaller Of(ClaimsPrincipal user) => user is ReadOnlyClaimsPrincipal shared ? shared.Facts : new ValidatedCaller(user);

    internal static ValidatedCaller Read(ClaimsPrincipal user) => new(user);
}
