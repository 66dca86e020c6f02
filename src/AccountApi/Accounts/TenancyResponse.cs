namespace AccountApi.Accounts;

/// <summary>The tenancy an account is returned in.</summary>
/// <param name="Name">The tenancy's canonical name, as configured (whatever the case of the header).</param>
/// <param name="DisplayName">The tenancy's display name.</param>
public sealed record TenancyResponse(string Name, string DisplayName);
