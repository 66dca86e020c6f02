using AccountApi.Accounts;
using AccountApi.Authentication;
using AccountApi.Authorization;
using AccountApi.DevelopmentIdentity;
using AccountApi.OpenApi;
using AccountApi.Tenancy;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

var builder = WebApplication.CreateBuilder(args);

// Entra ID bearer tokens (Microsoft.Identity.Web + JwtBearer), validated from the AzureAd section.
builder.AddEntraIdAuthentication();
// Tenancies from the Tenancies section, resolved per request from X-Tenant-ID.
builder.AddTenancy();
// The account policy; every refusal becomes a 403 problem document with a reason.
builder.AddAccountAuthorization();
builder.Services.AddProblemDetails();
builder.Services.AddHealthChecks();
builder.AddAccountOpenApi();
// The embedded development identity provider (DevIdentity:Enabled; refused outside Development).
builder.AddDevelopmentIdentity();

var app = builder.Build();

// Order matters (README, "Request pipeline"): errors → public docs → authentication → tenancy → authorization → endpoints.
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAccountOpenApi();
app.UseAuthentication();
app.UseTenancyResolution();
app.UseAuthorization();

// Liveness runs no checks: it says the process serves requests, nothing more.
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapAccountEndpoints();
app.MapDevelopmentIdentity();

app.Run();
