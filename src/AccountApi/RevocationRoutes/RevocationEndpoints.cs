using System.Security.Claims;
using AccountApi.Authorization;
using AccountApi.Entra;
using AccountApi.RateLimiting;
using AccountApi.Refusals;
using AccountApi.Revocation;
using AccountApi.SignInSessions;
using AccountApi.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AccountApi.RevocationRoutes;

internal static class RevocationEndpoints
{
    public static IEndpointRouteBuilder MapRevocationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/account/me/sessions")
            .WithTags("Revocation")
            .RequireAuthorization(AccountPolicies.AccountReader)
            .MapPost("/revoke", RevokeMySessionsAsync)
            .WithName("RevokeMySessions")
            .WithSummary("Signs the caller out everywhere: every token they hold, this one included, stops working on every instance.")
            .WithDescription("Sets a cut-off for the token's (tid, oid) at now. Requires the same token and tenancy as GET /account/me.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        // No route constraint: a tid or oid that is not a GUID would then match no endpoint and meet the fallback policy's
        // refusal; the handler answers it with a 400 validation problem instead, after the operator is authorized.
        endpoints.MapGroup("/admin/directories/{tid}/users/{oid}")
            .WithTags("Revocation")
            .RequireAuthorization(RevocationOperatorPolicy.Name)
            .WithoutTenancy()
            .WithMetadata(new OperatorRouteAttribute())
            .MapPost("/revoke", RevokeUserAsync)
            .WithName("RevokeUser")
            .WithSummary("Cuts a user off: every token of that object in that directory issued until now is refused on every instance.")
            .WithDescription($"For an operator's application: an app-only token with the app role {RevocationOptions.OperatorRole}, of the same directory or of one in Revocation:OperatorDirectories. No X-Tenant-ID. "
                + "With Revocation:Graph configured, the user's Entra sign-in sessions (refresh tokens, single sign-on) are ended too, through Microsoft Graph's revokeSignInSessions; 502 sign_in_sessions_not_revoked when Graph did not (the cut-off holds; retry).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RevokeMySessionsAsync(
        ClaimsPrincipal user, SubjectRevoker revoker, HttpContext context)
    {
        // The token validated with GUIDs in tid and oid (ConfigureEntraIdJwtBearer), so these parse.
        var subject = new RevocationSubject(
            Guid.Parse(user.FindFirstValue(EntraClaimNames.DirectoryId)!), Guid.Parse(user.FindFirstValue(EntraClaimNames.ObjectId)!));
        return await RevokeAsync(revoker, subject, "the user", context) is { } problem ? problem : TypedResults.NoContent();
    }

    internal static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> RevokeUserAsync(
        string tid, string oid, ClaimsPrincipal caller, SubjectRevoker revoker, SignInSessionRevoker sessions, HttpContext context)
    {
        if (!Guid.TryParse(tid, out var directoryId) || !Guid.TryParse(oid, out var objectId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [Guid.TryParse(tid, out _) ? "oid" : "tid"] = ["Must be a GUID: Entra's directory (tid) and object (oid) ids."],
            });
        }

        var operatorClient = caller.FindFirstValue(JwtRegisteredClaimNames.Azp) ?? "(no azp)";
        var requestedBy = $"operator client {operatorClient} of directory {caller.FindFirstValue(EntraClaimNames.DirectoryId)}";
        if (await RevokeAsync(revoker, new RevocationSubject(directoryId, objectId), requestedBy, context) is { } problem)
        {
            return problem;
        }

        // After the cut-off, so that whatever Graph answers, the tokens already issued are refused here.
        return !sessions.IsConfigured || await sessions.RevokeAsync(directoryId, objectId, requestedBy, context.RequestAborted)
            ? TypedResults.NoContent()
            : ProblemDocuments.For(context, RefusalReasons.SignInSessionsNotRevoked);
    }

    // The 503 to answer when the revocation could not be shared with every instance, or null when it was.
    private static async Task<ProblemHttpResult?> RevokeAsync(
        SubjectRevoker revoker, RevocationSubject subject, string requestedBy, HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        return await revoker.RevokeAsync(subject, requestedBy, context.RequestAborted) is null
            ? ProblemDocuments.For(context, RefusalReasons.RevocationUnavailable)
            : null;
    }
}
