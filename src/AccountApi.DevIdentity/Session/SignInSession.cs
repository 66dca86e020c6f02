using System.Globalization;
using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Graph;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace AccountApi.DevIdentity.Session;

/// <summary>
/// The provider's single sign-on session: a cookie naming the signed-in user, protected with ASP.NET Core Data
/// Protection (so it cannot be forged or read), scoped to the provider's path. With an https base address it is
/// Secure and SameSite=None, so a silent <c>prompt=none</c> request from a client's iframe still carries it. A session
/// that started before the user's sessions were revoked (Graph's revokeSignInSessions) is not honoured.
/// </summary>
internal sealed class SignInSession(
    IDataProtectionProvider dataProtection, DevIdentityCatalog catalog, SignInSessionRevocations revocations, TimeProvider timeProvider)
{
    public const string CookieName = "devidp.session";

    // v2: the user's object id and when the session started, so that Graph's revokeSignInSessions can end it.
    private readonly IDataProtector _protector = dataProtection.CreateProtector("AccountApi.DevIdentity.SignInSession.v2");

    /// <summary>The signed-in user, or null without a valid session (a tampered or foreign cookie is ignored).</summary>
    public DevUser? Read(HttpContext context)
    {
        if (context.Request.Cookies[CookieName] is not { Length: > 0 } value)
        {
            return null;
        }

        try
        {
            return _protector.Unprotect(value).Split(' ') is [var id, var started]
                && Guid.TryParse(id, out var objectId)
                && long.TryParse(started, NumberStyles.None, CultureInfo.InvariantCulture, out var startedAt)
                && !revocations.Ended(objectId, DateTimeOffset.FromUnixTimeMilliseconds(startedAt))
                ? catalog.FindUser(objectId)
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public void Start(HttpContext context, DevUser user) =>
        context.Response.Cookies.Append(
            CookieName,
            _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{user.ObjectId:D} {timeProvider.GetUtcNow().ToUnixTimeMilliseconds()}")),
            Options());

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
