using System.Text.Json.Serialization;

namespace AccountApi.DevIdentity.UserInfo;

/// <summary>The OpenID Connect userinfo response (Core §5.3.2) with the claims the provider knows.</summary>
internal sealed record UserInfoResponse(
    [property: JsonPropertyName("sub")] string Subject,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("preferred_username")] string? PreferredUserName,
    [property: JsonPropertyName("oid")] string ObjectId,
    [property: JsonPropertyName("tid")] string TenantId);
