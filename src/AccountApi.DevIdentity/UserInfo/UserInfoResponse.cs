using System.Text.Json.Serialization;
using AccountApi.Entra;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AccountApi.DevIdentity.UserInfo;

/// <summary>The OpenID Connect userinfo response (Core §5.3.2) with the claims the provider knows.</summary>
internal sealed record UserInfoResponse(
    [property: JsonPropertyName(JwtRegisteredClaimNames.Sub)] string Subject,
    [property: JsonPropertyName(JwtRegisteredClaimNames.Name)] string? Name,
    [property: JsonPropertyName(JwtRegisteredClaimNames.PreferredUsername)] string? PreferredUserName,
    [property: JsonPropertyName(EntraClaimNames.ObjectId)] string ObjectId,
    [property: JsonPropertyName(EntraClaimNames.DirectoryId)] string TenantId);
