using AccountApi;
using AccountApi.Hosting;

// The service as it is deployed: nothing development-only is referenced here (the development identity provider
// lives in AccountApi.DevIdentity and is composed with this service by AccountApi.DevHost).
var builder = WebApplication.CreateBuilder(args);
builder.AddAccountApi();

var app = builder.Build();
// Bad configuration: one line naming the key and the fix, exit code 1.
if (!app.HasValidConfiguration())
{
    return 1;
}

app.UseAccountApi();

return app.RunOrRefuse();
