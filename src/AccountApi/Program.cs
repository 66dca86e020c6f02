using AccountApi;

// The service as it is deployed: nothing development-only is referenced here (the development identity provider
// lives in AccountApi.DevIdentity and is composed with this service by AccountApi.DevHost).
var builder = WebApplication.CreateBuilder(args);
builder.AddAccountApi();

var app = builder.Build();
app.UseAccountApi();

app.Run();
