using AccountApi.Accounts;
using AccountApi.Authentication;
using AccountApi.Authorization;
using AccountApi.DevelopmentIdentity;
using AccountApi.Health;
using AccountApi.OpenApi;
using AccountApi.Tenancy;

var builder = WebApplication.CreateBuilder(args);

// Entra ID bearer tokens (Microsoft.Identity.Web + JwtBearer), validated from the AzureAd section.
builder.AddEntraIdAuthentication();
// Tenancies from the Tenancies section, resolved per request from X-Tenant-ID.
builder.AddTenancy();
// The account policy; every refusal becomes a 403 problem document with a reason.
builder.AddAccountAuthorization();
builder.Services.AddProblemDetails();
builder.AddAccountHealthChecks();
builder.AddAccountOpenApi();
// The embedded development identity provider (DevIdentity:Enabled; refused outside Development).
builder.AddDevelopmentIdentity();

var app = builder.Build();

// Order matters (README, "Request pipeline"): errors → public docs → authentication → tenancy → authorization → endpoints.
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAccountSwaggerUi();
app.UseAuthentication();
app.UseTenancyResolution();
app.UseAuthorization();

app.MapAccountHealthChecks();
app.MapAccountOpenApi();
app.MapAccountEndpoints();
app.MapDevelopmentIdentity();

app.Run();
