using AccountApi.Accounts;

// The benchmark's baseline: what /account/me would cost if authentication, tenancy and authorization were free.
var builder = WebApplication.CreateBuilder(args);

var app = builder.Build();
var account = new AccountResponse(
    Id: "0b8c6e3a-2f4d-4c1e-9a7b-5d6e7f8a9b0c",
    Name: "Alice Adams",
    Username: "alice@contoso.example",
    DirectoryId: "c0c0c0c0-0000-4000-8000-000000000001",
    Tenancy: new TenancyResponse("contoso", "contoso"),
    Scopes: ["Account.Read"],
    Roles: []);
app.MapGet("/account/me", (HttpContext context) =>
{
    context.Response.Headers.CacheControl = "no-store";
    return TypedResults.Ok(account);
});

app.Run();
