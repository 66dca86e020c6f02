using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Grants;
using AccountApi.DevIdentity.Protocol;
using AccountApi.DevIdentity.Session;
using AccountApi.DevIdentity.Tenancy;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Logging;

namespace AccountApi.DevIdentity.Authorize;

/// <summary>What the authorize handlers need, injected as one parameter.</summary>
internal sealed class AuthorizeServices(
    TenantResolver resolver,
    AuthorizeRequestValidator validator,
    DevIdentityCatalog catalog,
    AuthorizationCodeStore codes,
    ScopeParser scopes,
    IAntiforgery antiforgery,
    SignInSession session,
    ILogger<AuthorizeServices> logger)
{
    public TenantResolver Resolver { get; } = resolver;

    public AuthorizeRequestValidator Validator { get; } = validator;

    public DevIdentityCatalog Catalog { get; } = catalog;

    public AuthorizationCodeStore Codes { get; } = codes;

    public ScopeParser Scopes { get; } = scopes;

    public IAntiforgery Antiforgery { get; } = antiforgery;

    public SignInSession Session { get; } = session;

    public ILogger Logger { get; } = logger;
}
