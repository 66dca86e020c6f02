using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace AccountApi.OpenApi;

internal static class OpenApiExtensions
{
    public static IHostApplicationBuilder AddAccountOpenApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OpenApiOptions>().BindConfiguration(OpenApiOptions.SectionName);
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "AccountApi",
                Version = "v1",
                Description = "The signed-in user's account, per tenancy. Every refusal is a 403 problem document.",
            });
            options.AddSecurityDefinition(ProtectedOperationFilter.BearerSchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An Entra ID access token for this API, with the configured delegated scope.",
            });
            options.OperationFilter<ProtectedOperationFilter>();
        });
        return builder;
    }

    /// <summary>
    /// Serves the document and Swagger UI when enabled. Both are public; call this before authentication so that the
    /// UI middleware answers before the fallback policy would refuse it.
    /// </summary>
    public static WebApplication UseAccountOpenApi(this WebApplication app)
    {
        var enabled = app.Services.GetRequiredService<IOptions<OpenApiOptions>>().Value.Enabled ?? app.Environment.IsDevelopment();
        if (enabled)
        {
            app.MapSwagger().AllowAnonymous();
            app.UseSwaggerUI();
        }

        return app;
    }
}
