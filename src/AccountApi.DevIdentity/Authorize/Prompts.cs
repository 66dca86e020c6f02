namespace AccountApi.DevIdentity.Authorize;

/// <summary>The <c>prompt</c> values Entra accepts (OpenID Connect Core §3.1.2.1, plus <c>select_account</c>).</summary>
internal static class Prompts
{
    public const string None = "none";
    public const string Login = "login";
    public const string SelectAccount = "select_account";
    public const string Consent = "consent";

    public static IReadOnlyList<string> All { get; } = [None, Login, SelectAccount, Consent];
}
