using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Grants;
using AccountApi.DevIdentity.Protocol;
using AccountApi.DevIdentity.Session;
using AccountApi.DevIdentity.Directories;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Logging;

namespace AccountApi.DevIdentity.Authorize;

/// <summary>What the authorize handlers need, bound by minimal APIs from the container (<c>[AsParameters]</c>).</summary>
internal readonly record struct AuthorizeServices(
    DirectoryResolver Resolver,
    AuthorizeRequestValidator Validator,
    DevIdentityCatalog Catalog,
    AuthorizationCodeStore Codes,
    ScopeParser Scopes,
    IAntiforgery Antiforgery,
    SignInSession Session,
    ILogger<AuthorizeServices> Logger);
