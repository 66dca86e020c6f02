namespace AccountApi.DevHost;

internal static partial class DevHostLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
        Message = "AccountApi development host\n  API:               {ApiAddress}  (Swagger UI: {ApiAddress}swagger)\n  Identity provider: {ProviderAddress}  (MSAL authority: {ProviderAddress}organizations)\n{TrustInstructions}")]
    public static partial void Started(this ILogger logger, Uri apiAddress, Uri providerAddress, string trustInstructions);
}
