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
    // One pass over the claims, each compared by its exact (case-sensitive) type as IdentityModel's identities compare
    // them; where a claim appears twice, the first counts, as FindFirst has it.
    private ValidatedCaller(ClaimsPrincipal user)
    {
        string? subject = null, authorizedParty = null;
        bool hasScope = false, markedApp = false;
        List<string> scopes = [], roles = [], contexts = [];
        foreach (var claim in user.Claims)
        {
            switch (claim.Type)
            {
                case EntraClaimNames.ObjectId: ObjectId ??= claim.Value; break;
                case EntraClaimNames.DirectoryId: DirectoryId ??= claim.Value; break;
                case JwtRegisteredClaimNames.Name: Name ??= claim.Value; break;
                case JwtRegisteredClaimNames.PreferredUsername: Username ??= claim.Value; break;
                case JwtRegisteredClaimNames.Sub: subject ??= claim.Value; break;
                case JwtRegisteredClaimNames.Azp: authorizedParty ??= claim.Value; break;
                case EntraClaimNames.IdentityType: markedApp |= claim.Value == "app"; break;
                case EntraClaimNames.Roles: roles.Add(claim.Value); break;
                case EntraClaimNames.AuthenticationContexts: contexts.Add(claim.Value); break;
                case EntraClaimNames.Scope:
                    hasScope = true;
                    scopes.AddRange(claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    break;
            }
        }

        Directory = Guid.TryParse(DirectoryId, out var directory) ? directory : null;
        // An application acting on its own (client credentials): no scp, and marked as such, either by idtyp=app (an
        // optional claim the API's registration should turn on) or by sub equal to oid (Entra writes the service
        // principal's id in both; a user's sub is pairwise and never equals the oid). A missing scp alone proves
        // nothing: a user token carries roles and no scp when the role is assignable to users.
        IsAppOnly = !hasScope
            && (markedApp || (subject is { Length: > 0 } && string.Equals(subject, ObjectId, StringComparison.OrdinalIgnoreCase)));
        IsDelegated = !markedApp && !IsAppOnly;
        Scopes = scopes;
        Roles = roles;
        AuthenticationContexts = contexts;
        RateLimitPartition = IsAppOnly ? $"app:{DirectoryId}/{authorizedParty}" : $"user:{DirectoryId}/{ObjectId}";
    }

    /// <summary>The user's object id (<c>oid</c>).</summary>
    public string? ObjectId { get; }

    /// <summary>The directory (<c>tid</c>) as the token has it: the validator has made it the lower-case GUID.</summary>
    public string? DirectoryId { get; }

    public Guid? Directory { get; }

    public string? Name { get; }

    public string? Username { get; }

    /// <summary>An application's own token (client credentials), by the rule in the constructor.</summary>
    public bool IsAppOnly { get; }

    /// <summary>A signed-in user's (delegated) token: neither marked as an application's nor app-only.</summary>
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

    // The per-caller and per-operator budgets' partitions of RateLimitPartition, kept once found (IWindowBudget's held
    // partition): the facts of a cached token are shared by its requests, so they spend the budget without a look-up.
    internal object? PerCallerBudget;
    internal object? PerOperatorBudget;

    /// <summary>The facts of <paramref name="user"/>: carried by a principal from the cached scheme, read from the claims otherwise.</summary>
    public static ValidatedCaller Of(ClaimsPrincipal user) => user is ReadOnlyClaimsPrincipal shared ? shared.Facts : new ValidatedCaller(user);

    internal static ValidatedCaller Read(ClaimsPrincipal user) => new(user);
}
