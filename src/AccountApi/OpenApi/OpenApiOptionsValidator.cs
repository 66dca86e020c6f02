using Microsoft.Extensions.Options;

namespace AccountApi.OpenApi;

/// <summary>Refuses to start when <c>OpenApi:Enabled</c> asks the native build for a document it does not contain.</summary>
internal sealed class OpenApiOptionsValidator : IValidateOptions<OpenApiOptions>
{
    public ValidateOptionsResult Validate(string? name, OpenApiOptions options) =>
        options.Enabled == true && !OpenApiFeature.IsSupported
            ? ValidateOptionsResult.Fail(
                "OpenApi:Enabled is true, but this is the native (AOT) build of AccountApi, which does not contain the OpenAPI "
                + "document or Swagger UI. Remove the setting, or serve the document from the framework-dependent build "
                + "(dotnet publish src/AccountApi -c Release, without -p:PublishAot=true) or the development host.")
            : ValidateOptionsResult.Success;
}
