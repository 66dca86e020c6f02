using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace AccountApi.RevocationRoutes;

internal static class RevocationRoutesExtensions
{
    /// <summary>What the two revocation routes need: the cut-off writer and the operator's policy.</summary>
    public static IHostApplicationBuilder AddRevocationRoutes(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SubjectRevoker>();
        builder.Services.AddSingleton<IConfigureOptions<AuthorizationOptions>, RevocationOperatorPolicy>();
        return builder;
    }
}
