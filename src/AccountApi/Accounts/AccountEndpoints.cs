using System.Security.Claims;
using AccountApi.Authentication;
using AccountApi.Authorization;
using AccountApi.Refusals;
using AccountApi.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountApi.Accounts;

internal static class AccountEndpoints
{
    /// <summary>The account's generated serializer, first in the chain the endpoints' results are written with.</summary>
    public static IHostApplicationBuilder AddAccountJson(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, AccountJsonContext.Default));
        return builder;
    }

    public static RouteGroupBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/account")
            .WithTags("Account")
            .RequireAuthorization(AccountPolicies.AccountReader)
            .AddEndpointFilter(static (context, next) =>
            {
                // Account data is personal: no shared cache may keep it.
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                return next(context);
            });

        group.MapGet("/me", GetMe)
            .WithName("GetMyAccount")
            .WithSummary("The signed-in user's account in the tenancy named by X-Tenant-ID.")
            .WithDescription("Requires a delegated Entra ID token with the configured scope and a tenancy that admits the token's directory.")
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
        context.Response.Headers.Allow = HttpMethods.Get;
        return TypedResults.Problem(statusCode: StatusCodes.Status405MethodNotAllowed);
    }

    internal static Results<Ok<AccountResponse>, ProblemHttpResult> GetMe(ClaimsPrincipal user, HttpContext context)
    {
        var tenancy = TenancyContext.Of(context);
        // The account policy guarantees a permitted tenancy; refuse rather than trust that if it ever does not hold.
        if (tenancy.Tenancy is not { } current || !tenancy.IsPermitted)
        {
            return ProblemDocuments.For(context, RefusalReasons.TenantNotPermitted);
        }

        var caller = ValidatedCaller.Of(user);
        return TypedResults.Ok(new AccountResponse(
            Id: caller.ObjectId!,
            Name: caller.Name,
            Username: caller.Username,
            DirectoryId: caller.DirectoryId!,
            Tenancy: new TenancyResponse(current.Name, current.DisplayName),
            Scopes: caller.Scopes,
            Roles: caller.Roles));
    }
}
