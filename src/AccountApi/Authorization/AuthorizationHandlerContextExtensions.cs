using Microsoft.AspNetCore.Authorization;

namespace AccountApi.Authorization;

internal static class AuthorizationHandlerContextExtensions
{
    /// <summary>Succeeds the requirement, or fails it with a refusal reason that <see cref="Refusals.RefusalResultHandler"/> reports.</summary>
    public static void Decide<TRequirement>(this AuthorizationHandlerContext context, TRequirement requirement, bool satisfied, string reason)
        where TRequirement : IAuthorizationHandler, IAuthorizationRequirement
    {
        if (satisfied)
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(requirement, reason));
        }
    }
}
