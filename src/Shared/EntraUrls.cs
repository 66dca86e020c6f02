namespace AccountApi.Entra;

/// <summary>
/// Where Microsoft Entra ID v2.0 puts things under an instance (<c>https://login.microsoftonline.com/</c>, or an
/// emulator's origin): the per-directory issuer and the endpoints. One file, compiled into the service (its issuer
/// rule), the development identity provider (what it serves) and the test kit (what its authority serves).
/// </summary>
internal static class EntraUrls
{
    /// <summary>The literal Entra puts in the issuer of the <c>common</c>/<c>organizations</c> discovery documents.</summary>
    public const string TenantIdTemplate = "{tenantid}";

    /// <summary><c>{instance}/{directory id}/v2.0</c>, the directory id in its canonical lower-case form.</summary>
    public static string Issuer(string instance, Guid directoryId) => Issuer(instance, directoryId.ToString("D"));

    /// <summary><c>{instance}/{tenant}/v2.0</c>; <see cref="TenantIdTemplate"/> for the multi-tenant template.</summary>
    public static string Issuer(string instance, string tenant) => $"{Base(instance)}/{tenant}/v2.0";

    public static string Discovery(string instance, string tenant) => $"{Issuer(instance, tenant)}/.well-known/openid-configuration";

    public static string Keys(string instance, string tenant) => $"{Base(instance)}/{tenant}/discovery/v2.0/keys";

    public static string Authorize(string instance, string tenant) => $"{Base(instance)}/{tenant}/oauth2/v2.0/authorize";

    public static string Token(string instance, string tenant) => $"{Base(instance)}/{tenant}/oauth2/v2.0/token";

    public static string Logout(string instance, string tenant) => $"{Base(instance)}/{tenant}/oauth2/v2.0/logout";

    private static string Base(string instance) => instance.TrimEnd('/');
}
