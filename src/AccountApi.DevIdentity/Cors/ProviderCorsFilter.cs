using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace AccountApi.DevIdentity.Cors;

/// <summary>
/// Applies the provider's CORS policy with ASP.NET Core's own <see cref="ICorsService"/>, inside the endpoint, so the
/// host needs no <c>UseCors()</c> and the policy cannot leak onto the host's other endpoints. A preflight (routed
/// here because the endpoint accepts it) is answered 204 with the policy's headers, like the CORS middleware does.
/// </summary>
internal sealed class ProviderCorsFilter(ICorsService cors, ICorsPolicyProvider policies) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.ContainsKey(CorsConstants.Origin))
        {
            return await next(context).ConfigureAwait(false);
        }

        var policy = await policies.GetPolicyAsync(http, ProviderCors.PolicyName).ConfigureAwait(false);
        var result = cors.EvaluatePolicy(http, policy!);
        cors.ApplyResult(result, http.Response);
        return result.IsPreflightRequest ? Results.NoContent() : await next(context).ConfigureAwait(false);
    }
}
