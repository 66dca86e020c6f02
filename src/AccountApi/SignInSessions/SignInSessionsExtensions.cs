using Microsoft.Extensions.Options;

namespace AccountApi.SignInSessions;

internal static class SignInSessionsExtensions
{
    private const string EntraInstance = "https://login.microsoftonline.com/";

    /// <summary>Ending users' Entra sessions through Microsoft Graph, when <c>Revocation:Graph</c> names an application.</summary>
    public static IHostApplicationBuilder AddSignInSessionRevocation(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SignInSessionOptions>()
            .BindConfiguration(SignInSessionOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) => options.Instance ??= configuration["AzureAd:Instance"] ?? EntraInstance)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignInSessionOptions>, SignInSessionOptionsValidator>();
        services.AddHttpClient(SignInSessionOptions.HttpClientName);
        services.AddSingleton<SignInSessionRevoker>();
        return builder;
    }
}
