using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features.Authentication;

namespace AccountApi.TokenCache;

/// <summary>
/// The framework's <see cref="AuthenticationMiddleware"/>, with a hit of the <see cref="ValidatedTokenCache"/> recorded
/// in front of it: the cache's shared result becomes the request's user and its authentication features, as the
/// framework records them, without the handler provider it resolves for the request, its two questions to the scheme
/// provider and its awaits. Every other request (no token, a first use, a token the cache no longer serves) goes
/// through the framework's middleware, unchanged.
/// </summary>
/// <remarks>
/// Hits are recorded here only while the framework would record the same result: the default authenticate scheme is
/// the cache's, no scheme handles requests itself (a remote sign-in's callback), and the authentication service serves
/// hits (<see cref="CachedTokenAuthenticationService.ServesHits"/>: no claims transformation). The schemes are read when
/// the pipeline is built; the service adds none at run time.
/// </remarks>
internal sealed class CachedTokenAuthenticationMiddleware
{
    private readonly RequestDelegate _next;
    private readonly AuthenticationMiddleware _framework;
    private readonly CachedTokenAuthenticationService? _hits;

    public CachedTokenAuthenticationMiddleware(RequestDelegate next, IAuthenticationSchemeProvider schemes, IAuthenticationService authentication)
    {
        _next = next;
        _framework = new AuthenticationMiddleware(next, schemes);
        _hits = authentication is CachedTokenAuthenticationService { ServesHits: true } service
            && Completed(schemes.GetDefaultAuthenticateSchemeAsync())?.Name == CachedBearerHandler.SchemeName
            && Completed(schemes.GetRequestHandlerSchemesAsync()) is { } requestHandlers && !requestHandlers.Any()
                ? service
                : null;
    }

    /// <summary>Whether hits are recorded here (false: every request goes through the framework's middleware).</summary>
    public bool RecordsHits => _hits is not null;

    public Task Invoke(HttpContext context)
    {
        if (_hits?.Hit(context) is not { } entry)
        {
            return _framework.Invoke(context);
        }

        var request = context.Request;
        context.Features.Set<IAuthenticationFeature>(new AuthenticationFeature { OriginalPath = request.Path, OriginalPathBase = request.PathBase });
        // The principal from the entry itself, not through its result and ticket: on a busy instance each object a hit
        // reads is likely out of the processor's cache, and each is a wait.
        var recorded = new RecordedAuthentication(entry.Result, entry.Principal);
        context.Features.Set<IHttpAuthenticationFeature>(recorded);
        context.Features.Set<IAuthenticateResultFeature>(recorded);
        return _next(context);
    }

    // Provider answers are read once, at build time; one that is not ready then leaves every request to the framework.
    private static T? Completed<T>(Task<T> task) => task.IsCompletedSuccessfully ? task.Result : default;

    /// <summary>
    /// The request's user and authentication result, as the framework's own features hold them: setting the user
    /// forgets the result (it no longer describes the user), setting the result sets the user. One per request.
    /// </summary>
    private sealed class RecordedAuthentication(AuthenticateResult result, ClaimsPrincipal user) : IHttpAuthenticationFeature, IAuthenticateResultFeature
    {
        private AuthenticateResult? _result = result;
        private ClaimsPrincipal? _user = user;

        public AuthenticateResult? AuthenticateResult
        {
            get => _result;
            set
            {
                _result = value;
                _user = value?.Principal;
            }
        }

        public ClaimsPrincipal? User
        {
            get => _user;
            set
            {
                _user = value;
                _result = null;
            }
        }
    }
}
