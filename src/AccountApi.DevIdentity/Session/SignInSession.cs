using AccountApi.DevIdentity.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace AccountApi.DevIdentity.Session;

/// <summary>
/// The provider's single sign-on session: a cookie naming the signed-in user, protected with ASP.NET Core Data
/// Protection (so it cannot be forged or read), scoped to the provider's path. With an https base address it is
/// Secure and SameSite=None, so a silent <c>prompt=none</c> request from a client's iframe still carries it.
/// </summary>
internal sealed class SignInSession(IDataProtectionProvider dataProtection, DevIdentityCatalog catalog)
{
    public const string CookieName = "devidp.session";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("AccountApi.DevIdentity.SignInSession.v1");

    /// <summary>The signed-in user, or null without a valid session (a tampered or foreign cookie is ignored).</summary>
    public DevUser? Read(HttpContext context)
    {
        if (context.Request.Cookies[CookieName] is not { Length: > 0 } value)
        {
            return null;
        }

        try
        {
            return Guid.TryParse(_protector.Unprotect(value), out var objectId) ? catalog.FindUser(objectId) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public void Start(HttpContext context, DevUser user) =>
        context.Response.Cookies.Append(CookieName, _protector.Protect(user.ObjectId.ToString("D")), Options());

    public void End(HttpContext context) => context.Response.Cookies.Delete(CookieName, Options());

    private CookieOptions Options()
    {
        var https = catalog.Urls.IsHttps;
        return new CookieOptions
        {
            HttpOnly = true,
            Secure = https,
            // Browsers accept SameSite=None only on Secure cookies; over loopback http, Lax still serves top-level redirects.
            SameSite = https ? SameSiteMode.None : SameSiteMode.Lax,
            Path = catalog.Urls.BasePath,
            IsEssential = true,
        };
    }
}
