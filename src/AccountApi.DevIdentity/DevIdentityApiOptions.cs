using System.ComponentModel.DataAnnotations;

namespace AccountApi.DevIdentity;

/// <summary>The API the provider issues access tokens for (section <c>DevIdentity:Api</c>).</summary>
public sealed class DevIdentityApiOptions
{
    /// <summary>The API's application (client) id, a GUID. It is the <c>aud</c> of every access token.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Delegated scope names, e.g. <c>Account.Read</c>; requested as <c>api://{ClientId}/Account.Read</c>.</summary>
    [MinLength(1, ErrorMessage = DevIdentityOptions.SectionName + ":Api:Scopes must name at least one delegated scope, e.g. Account.Read.")]
    public IList<string> Scopes { get; } = new List<string>();

    /// <summary>Application role names clients can be granted for the client credentials flow.</summary>
    public IList<string> AppRoles { get; } = new List<string>();
}
