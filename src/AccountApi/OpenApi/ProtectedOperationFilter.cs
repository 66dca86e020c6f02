using System.Text.Json.Nodes;
using AccountApi.Authentication;
using AccountApi.Authorization;
using AccountApi.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace AccountApi.OpenApi;

/// <summary>
/// Documents what a protected operation demands and how it refuses: the bearer scheme, the <c>X-Tenant-ID</c> header,
/// and the 403 problem document with its machine-readable <c>error</c> values.
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
        if (!metadata.OfType<IAuthorizeData>().Any(data => data.Policy == AccountPolicies.RevocationOperator))
        {
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(OAuth2SchemeName, context.Document)] = [.. azureAd.Value.FullyQualifiedScopes],
            });
        }

        operation.Parameters ??= [];
        if (metadata.OfType<WithoutTenancyAttribute>().Any())
        {
            AddRefusal(operation);
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

        AddRefusal(operation);
    }

    private static void AddRefusal(OpenApiOperation operation)
    {
        operation.Responses ??= [];
        operation.Responses["403"] = new OpenApiResponse
        {
            Description = "Refused: the token or the tenancy is missing, invalid or not permitted. `error` says which.",
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["application/problem+json"] = new OpenApiMediaType { Schema = RefusalSchema() },
            },
        };
    }

    private static OpenApiSchema RefusalSchema() => new()
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
                Description = "Checked in this order: " + string.Join(", ", RefusalReasons.InPriorityOrder) + ".",
                Enum = [.. RefusalReasons.InPriorityOrder.Select(reason => (JsonNode)JsonValue.Create(reason))],
            },
        },
    };
}
