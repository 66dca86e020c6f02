using System.Security.Claims;
using AccountApi.Authentication;
using AccountApi.Authorization;
using AccountApi.Refusals;
using AccountApi.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountApi.Accounts;

internal static class AccountEndpoints
{
    public static RouteGroupBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/account")
            .WithTags("Account")
            .RequireAuthorization(AccountPolicies.AccountReader);

        group.MapGet("/me", GetMe)
            .WithName("GetMyAccount")
            .WithSummary("The signed-in user's account in the tenancy named by X-Tenant-ID.")
            .WithDescription("Requires a delegated Entra ID token with the configured scope and a tenancy that admits the token's directory.")
            .Produces<AccountResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        // Any other method (POST, TRACE, ...): 405 once the token is accepted, whatever X-Tenant-ID says. The framework's
        // own 405 endpoint would fall under the fallback policy and ask for a tenancy first. Order 1 leaves GET to GetMe.
        group.Map("/me", MethodNotAllowed)
            .WithOrder(1)
            .WithoutTenancy()
            .ExcludeFromDescription();
        return group;
    }

    internal static ProblemHttpResult MethodNotAllowed(HttpContext context)
    {
        NoStore(context);
        context.Response.Headers.Allow = HttpMethods.Get;
        return TypedResults.Problem(statusCode: StatusCodes.Status405MethodNotAllowed);
    }

    // Written by the generated serializer with its own options (JsonTypeInfo.CanUseSerializeHandler): its fast path
    // writes the properties directly, where the application's options, whose resolver chain ends in reflection, would
    // walk the metadata for every response.
    internal static Results<JsonHttpResult<AccountResponse>, ProblemHttpResult> GetMe(ClaimsPrincipal user, HttpContext context)
    {
        NoStore(context);
        var tenancy = TenancyContext.Of(context);
        // The account policy guarantees a permitted tenancy; refuse rather than trust that if it ever does not hold.
        if (tenancy.Tenancy is not { } current || !tenancy.IsPermitted)
        {
            return ProblemDocuments.For(context, RefusalReasons.TenantNotPermitted);
        }

        var caller = ValidatedCaller.Of(user);
        return TypedResults.Json(
            new AccountResponse(
                Id: caller.ObjectId!,
                Name: caller.Name,
                Username: caller.Username,
                DirectoryId: caller.DirectoryId!,
                Tenancy: new TenancyResponse(current.Name, current.DisplayName),
                Scopes: caller.Scopes,
                Roles: caller.Roles),
            AccountJsonContext.Default.AccountResponse);
    }

    // Account data is personal: no shared cache may keep it (refusals set it themselves: ProblemDocuments).
    private static void NoStore(HttpContext context) => context.Response.Headers.CacheControl = "no-store";
}
