using System.Security.Claims;
using AccountApi.Entra;
using AccountApi.Revocation;
using AccountApi.Telemetry;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AccountApi.Authentication;

/// <summary>
/// The one place where token validation is decided. This is a Configure step; Microsoft.Identity.Web post-configures
/// afterwards: it keeps what is set here (audiences, issuer validator) and wraps the events set here with its own
/// (the "scp or roles" presence check). Handlers already present are chained, never replaced.
/// </summary>
internal sealed class ConfigureEntraIdJwtBearer(
    IOptions<AzureAdOptions> azureAd,
    ITokenRevocationStore revocations,
    AccountMetrics metrics) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != JwtBearerDefaults.AuthenticationScheme)
        {
            return;
        }

        var settings = azureAd.Value;

        // Loopback emulators speak plain http; anything else was refused by AzureAdOptionsValidator. A local emulator's
        // keys may be rotated at will, so let an unknown kid trigger a metadata refresh at once. Elsewhere an unknown kid
        // (a rotation, or an authority that came back) is fetched at most every 30 s: recovery within a minute, while a
        // flood of forged kids cannot make us hammer the authority.
        var isLoopback = new Uri(settings.NormalizedInstance).IsLoopback;
        options.RequireHttpsMetadata = !isLoopback;
        options.RefreshInterval = isLoopback ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(30);
        options.AutomaticRefreshInterval = settings.MetadataRefreshInterval;
        // A fetch never outlives the wait it serves: a hanging authority then holds IdentityModel's single fetch (and
        // the requests behind it) for MetadataTimeout, not for HttpClient's 100 s or JwtBearer's 60 s.
        options.BackchannelTimeout = settings.MetadataTimeout;

        options.MapInboundClaims = false;
        options.IncludeErrorDetails = false;

        var parameters = options.TokenValidationParameters;
        parameters.ValidAudiences = settings.ValidAudiences;
        // Exactly the configured audiences: Entra never issues "api://{ClientId}/", so a token that has it was not made
        // for this API by Entra, whatever IdentityModel's lenient default says.
        parameters.IgnoreTrailingSlashWhenValidatingAudience = false;
        parameters.IssuerValidator = EntraIssuerValidator.Create(settings);
        parameters.ValidAlgorithms = [SecurityAlgorithms.RsaSha256];
        parameters.TryAllIssuerSigningKeys = false;
        parameters.RequireSignedTokens = true;
        parameters.RequireExpirationTime = true;
        parameters.ClockSkew = TokenClock.Skew;
        parameters.NameClaimType = JwtRegisteredClaimNames.Name;
        parameters.RoleClaimType = EntraClaimNames.Roles;

        // Rejections are logged where they are classified, in RefusalResultHandler: one place for every failure source.
        options.Events ??= new JwtBearerEvents();
        // JwtBearer rethrows (a 500) what fails before the token is validated, such as missing metadata, unless an
        // event settles it: an unreachable authority is an authentication failure, classified by RefusalResultHandler.
        var previousFailed = options.Events.OnAuthenticationFailed;
        options.Events.OnAuthenticationFailed = async context =>
        {
            await previousFailed(context);
            if (context.Result is null && context.Exception is AuthorityUnavailableException)
            {
                context.Fail(context.Exception);
            }
        };

        var previous = options.Events.OnTokenValidated;
        options.Events.OnTokenValidated = async context =>
        {
            await previous(context);
            if (context.Result?.Failure is null)
            {
                RejectIncompleteOrRevoked(context);
            }
        };
    }

    private void RejectIncompleteOrRevoked(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        if (CriticalHeader.IsPresent(context.SecurityToken))
        {
            context.Fail(CriticalHeader.RefusalMessage);
            return;
        }

        // Entra's tid and oid are GUIDs; a token without them could not be cut off, so it is not accepted at all.
        if (!TryReadGuid(context, EntraClaimNames.ObjectId, out var objectId) || !TryReadGuid(context, EntraClaimNames.DirectoryId, out var tenantId))
        {
            return;
        }

        // The digest is of the token exactly as received; fail closed if the handler ever hands over another shape.
        if (context.SecurityToken is not JsonWebToken token)
        {
            context.Fail("The token is not a JSON web token.");
            return;
        }

        // An id_token proves a sign-in to its client, not a grant to call this API, even when its aud is this API's.
        if (IsIdToken(token))
        {
            context.Fail("The token is an id_token, not an access token: it has no azp or carries nonce, at_hash or c_hash.");
            return;
        }

        // Read by CachedBearerHandler, which has already computed the digest of the token it handed over.
        var presented = context.HttpContext.Features.Get<PresentedToken>();
        var digest = presented is not null && presented.Is(token.EncodedToken)
            ? presented.Digest
            : AccessTokenDigest.Of(token.EncodedToken);
        var subject = new RevocationSubject(tenantId, objectId);
        // A token without iat cannot show it was issued after a cut-off: taken as issued at the beginning of time.
        var issuedAt = token.IssuedAt == DateTime.MinValue ? DateTimeOffset.MinValue : new DateTimeOffset(token.IssuedAt, TimeSpan.Zero);
        if (revocations.Find(digest, subject, issuedAt) is { } revocation)
        {
            metrics.Revoked(RevocationKinds.Refused);
            // Digest and subject are not secrets: they let the log tie the refusal to the revocation.
            var message = revocation.Kind == TokenRevocationKind.Subject
                ? $"Every token of subject {subject} issued before {revocation.IssuedBefore:O} is revoked; this one was issued at {issuedAt:O}."
                : $"The token (digest {digest}) has been revoked.";
            context.Fail(new TokenRevokedException(message, revocation, RevocationChallenge.For(principal, revocation)));
            return;
        }

        // Not known to be revoked, but this instance may have missed a revocation made elsewhere: fail closed (503).
        if (!revocations.IsCurrent)
        {
            context.Fail(new RevocationUnavailableException("Revocations have not been confirmed with the shared store within Revocation:MaxStaleness."));
            return;
        }

        CanonicalizeDirectory((ClaimsIdentity)principal.Identity!);
        presented?.Accept(token.EncodedToken, subject, issuedAt, new DateTimeOffset(token.ValidTo, TimeSpan.Zero), token.SigningKey);
    }

    // Every Entra v2.0 access token names the client it was issued to (azp); an id_token does not, and only id_tokens
    // carry the sign-in's nonce and the hashes of the code and access token issued with them.
    private static bool IsIdToken(JsonWebToken token) =>
        !token.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Azp, out var client) || string.IsNullOrEmpty(client)
        || token.TryGetPayloadValue<object>(JwtRegisteredClaimNames.Nonce, out _)
        || token.TryGetPayloadValue<object>(JwtRegisteredClaimNames.AtHash, out _)
        || token.TryGetPayloadValue<object>(JwtRegisteredClaimNames.CHash, out _);

    private static bool TryReadGuid(TokenValidatedContext context, string claim, out Guid value)
    {
        if (Guid.TryParse(context.Principal!.FindFirst(claim)?.Value, out value))
        {
            return true;
        }

        context.Fail($"The token has no '{claim}' claim holding a GUID.");
        return false;
    }

    // Everything downstream (tenancy permission, rate-limit partitions, the response, logs) sees one spelling of the
    // directory: the lower-case GUID Entra writes. EntraIssuerValidator has already required tid to be a GUID.
    private static void CanonicalizeDirectory(ClaimsIdentity identity)
    {
        var tid = identity.FindFirst(EntraClaimNames.DirectoryId)!;
        var canonical = Guid.ParseExact(tid.Value, "D").ToString();
        if (!string.Equals(tid.Value, canonical, StringComparison.Ordinal))
        {
            identity.RemoveClaim(tid);
            identity.AddClaim(new Claim(tid.Type, canonical, tid.ValueType, tid.Issuer, tid.OriginalIssuer, identity));
        }
    }
}
