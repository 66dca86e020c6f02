namespace AccountApi.DevHost;

// The host's only event. Its id is outside the service's (1xxx–5xxx) and the provider's (1–99) ranges: the three
// assemblies log into one console, and a test fails if any two events share an id.
internal static partial class DevHostLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information,
        Message = "AccountApi development host\n  API:               {ApiAddress}  (Swagger UI: {ApiAddress}swagger)\n  Identity provider: {ProviderAddress}  (MSAL authority: {ProviderAddress}organizations)\n{TrustInstructions}")]
    public static partial void Started(this ILogger logger, Uri apiAddress, Uri providerAddress, string trustInstructions);
}
