using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.Authentication;

/// <summary>
/// The one place where token validation is decided. It runs before Microsoft.Identity.Web's own configuration, which
/// then keeps what is set here (audiences) and adds what is left to it (the multi-tenant issuer validator, which
/// checks <c>iss</c> against the template below with the token's own <c>tid</c>, and the scp/roles presence check).
/// </summary>
internal sealed class ConfigureEntraIdJwtBearer(
    IOptions<AzureAdOptions> azureAd,
    ITokenRevocationStore revocations,
    ILogger<ConfigureEntraIdJwtBearer> logger) : IConfigureNamedOptions<JwtBearerOptions>
{
    private static readonly TimeSpan s_clockSkew = TimeSpan.FromMinutes(2);

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != JwtBearerDefaults.AuthenticationScheme)
        {
            return;
        }

        var settings = azureAd.Value;

        // Loopback emulators speak plain http; anything else was refused by AzureAdOptionsValidator.
        options.RequireHttpsMetadata = !new Uri(settings.NormalizedInstance).IsLoopback;
        options.MapInboundClaims = false;
        options.IncludeErrorDetails = false;

        var parameters = options.TokenValidationParameters;
        parameters.ValidAudiences = settings.ValidAudiences;
        // A template rather than a metadata fetch: the same rule as Entra's discovery document, and it works for an
        // http authority where Identity.Web's https-only issuer retriever would fail.
        parameters.ValidIssuers = [settings.IssuerTemplate];
        parameters.ValidAlgorithms = [SecurityAlgorithms.RsaSha256];
        parameters.TryAllIssuerSigningKeys = false;
        parameters.RequireSignedTokens = true;
        parameters.RequireExpirationTime = true;
        parameters.ClockSkew = s_clockSkew;
        parameters.NameClaimType = EntraClaimTypes.Name;
        parameters.RoleClaimType = EntraClaimTypes.Roles;

        options.Events ??= new JwtBearerEvents();
        options.Events.OnAuthenticationFailed = context =>
        {
            AuthenticationLog.TokenRejected(logger, context.Exception.Message);
            return Task.CompletedTask;
        };
        options.Events.OnTokenValidated = RejectIncompleteOrRevokedAsync;
    }

    private async Task RejectIncompleteOrRevokedAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        foreach (var claim in (ReadOnlySpan<string>)[EntraClaimTypes.ObjectId, EntraClaimTypes.TenantId])
        {
            if (string.IsNullOrEmpty(principal.FindFirst(claim)?.Value))
            {
                AuthenticationLog.RequiredClaimMissing(logger, claim);
                context.Fail($"The token has no '{claim}' claim.");
                return;
            }
        }

        var tokenId = principal.FindFirst(EntraClaimTypes.UniqueTokenId)?.Value ?? principal.FindFirst(EntraClaimTypes.TokenId)?.Value;
        if (tokenId is not null && await revocations.IsRevokedAsync(tokenId, context.HttpContext.RequestAborted))
        {
            AuthenticationLog.TokenRevoked(logger, tokenId);
            context.Fail("The token has been revoked.");
        }
    }
}
