using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AccountApi.DevIdentity.Protocol;

/// <summary>
/// Writes an <see cref="ErrorResponse"/> the way Entra does: the AADSTS number before the description and in
/// <c>error_codes</c>, the time, a trace id, and the client's <c>client-request-id</c> (MSAL sends one) echoed as
/// <c>correlation_id</c>.
/// </summary>
internal sealed class ErrorResult(OAuthError error, int statusCode, string? authenticateChallenge = null) : IResult
{
    private const string ClientRequestIdHeader = "client-request-id";

    public OAuthError Error { get; } = error;

    public int StatusCode { get; } = statusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var time = httpContext.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        var correlationId = Guid.TryParse(httpContext.Request.Headers[ClientRequestIdHeader], out var clientRequestId) ? clientRequestId : Guid.NewGuid();
        var body = new ErrorResponse(
            Error.Error,
            EntraErrorCodes.Describe(Error.Code, Error.Description),
            Error.Code is { } code ? [code] : null,
            time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            Guid.NewGuid().ToString("D"),
            correlationId.ToString("D"));
        return new NoStoreJsonResult<ErrorResponse>(body, StatusCode, authenticateChallenge).ExecuteAsync(httpContext);
    }
}
