using System.Text.Json.Nodes;
using AccountApi.Authentication;
using AccountApi.Refusals;
using AccountApi.RevocationRoutes;
using AccountApi.Tenancy;
using AccountApi.TenancyAdmin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace AccountApi.OpenApi;

/// <summary>
/// Documents what a protected operation demands and every way it can refuse: the bearer scheme, the <c>X-Tenant-ID</c>
/// header, the 403 problem document, the 429 of the rate limits and the 503s of an unreachable authority (or revocation
/// store, or the tenancy registry), each with its machine-readable <c>error</c> values.
/// </summary>
internal sealed class ProtectedOperationFilter(IOptions<AzureAdOptions> azureAd) : IOperationFilter
{
    public const string BearerSchemeName = "Bearer";
    public const string OAuth2SchemeName = "oauth2";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
        {
            return;
        }

        // Either scheme will do: a token pasted in (Bearer) or one Swagger UI obtained by signing in (oauth2). An operator
        // route takes an application's own token, which no user sign-in gives.
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(BearerSchemeName, context.Document)] = [],
        });
        var isOperatorRoute = metadata.OfType<IAuthorizeData>().Any(data => data.Policy is RevocationOperatorPolicy.Name or TenancyManagerPolicy.Name);
        if (!isOperatorRoute)
        {
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(OAuth2SchemeName, context.Document)] = [.. azureAd.Value.FullyQualifiedScopes],
            });
        }

        operation.Parameters ??= [];
        var writes = metadata.OfType<IAuthorizeData>().Any(data => data.Policy == TenancyManagerPolicy.Name)
            ? RefusalReasons.TenancyStoreUnavailable
            : RefusalReasons.RevocationUnavailable;
        if (metadata.OfType<WithoutTenancyAttribute>().Any())
        {
            AddRefusal(operation, writes);
            return;
        }

        operation.Parameters.Add(new OpenApiParameter
        {
            Name = TenancyHeaders.TenantId,
            In = ParameterLocation.Header,
            Required = true,
            Description = "The tenancy to act in, e.g. contoso. Letters, digits and '-', compared case-insensitively.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = TenancyName.MaxLength, Pattern = TenancyName.Pattern },
        });

        AddRefusal(operation, writes);
    }

    private static void AddRefusal(OpenApiOperation operation, string storeUnavailable)
    {
        operation.Responses ??= [];
        operation.Responses["403"] = Problem(
            "Refused: the token or the tenancy is missing, invalid or not permitted. `error` says which.", RefusalReasons.InPriorityOrder);
        operation.Responses["429"] = Problem(
            "Over a rate limit (per address, per caller or per tenancy). Retry after the number of seconds in `Retry-After`.",
            [RefusalReasons.RateLimited], retryAfter: true);
        // Every protected operation checks a token, which needs the authority's keys; an operation that also writes to the
        // shared revocation store or the tenancy registry declares its own 503, and the reasons are merged.
        IReadOnlyList<string> unavailable = operation.Responses.ContainsKey("503")
            ? [RefusalReasons.AuthorityUnavailable, storeUnavailable]
            : [RefusalReasons.AuthorityUnavailable];
        operation.Responses["503"] = Problem(
            "Not the caller's fault: a dependency the answer needs cannot be reached. Retry after the number of seconds in `Retry-After`.",
            unavailable, retryAfter: true);
    }

    private static OpenApiResponse Problem(string description, IReadOnlyList<string> reasons, bool retryAfter = false) => new()
    {
        Description = description,
        Headers = retryAfter
            ? new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before retrying.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                },
            }
            : null,
        Content = new Dictionary<string, IOpenApiMediaType>
        {
            ["application/problem+json"] = new OpenApiMediaType { Schema = ProblemSchema(reasons) },
        },
    };

    private static OpenApiSchema ProblemSchema(IReadOnlyList<string> reasons) => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "status", "title", "error" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["error"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = reasons.Count > 1 ? "Checked in this order: " + string.Join(", ", reasons) + "." : null,
                Enum = [.. reasons.Select(reason => (JsonNode)JsonValue.Create(reason))],
            },
        },
    };
}
