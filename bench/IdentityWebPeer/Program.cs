using System.Security.Claims;
using AccountApi.Accounts;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Identity.Web;

// The benchmark's peer: what Microsoft.Identity.Web's documentation tells a web API to write, and nothing more (no
// cache, no tenancy registry, no rate limits), so that the service's cost on a miss and a refusal is judged against
// the library alone. Configured from AzureAd (Instance, TenantId, ClientId) as any Identity.Web API is.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddMicrosoftIdentityWebApi(builder.Configuration.GetSection("AzureAd"));
// Only what a loopback http authority needs (shared NOTES): metadata over http, and the issuer template, so that
// Identity.Web's issuer validator matches iss against the token's tid rather than fetch discovery over https.
var instance = builder.Configuration["AzureAd:Instance"];
builder.Services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
{
    options.RequireHttpsMetadata = false;
    options.TokenValidationParameters.ValidIssuers = [$"{instance}{{tenantid}}/v2.0"];
});
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapGet("/account/me", (HttpContext context) =>
{
    var user = context.User;
    context.Response.Headers.CacheControl = "no-store";
    var tenancy = context.Request.Headers["X-Tenant-ID"].ToString();
    return TypedResults.Ok(new AccountResponse(
        Id: user.FindFirstValue("oid") ?? "",
        Name: user.FindFirstValue("name"),
        Username: user.FindFirstValue("preferred_username"),
        DirectoryId: user.FindFirstValue("tid") ?? "",
        Tenancy: new TenancyResponse(tenancy, tenancy),
        Scopes: (user.FindFirstValue("scp") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
        Roles: [.. user.FindAll("roles").Select(claim => claim.Value)]));
}).RequireAuthorization().RequireScope("Account.Read");

app.Run();
