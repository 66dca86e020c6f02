using AccountApi.SignInSessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace AccountApi.RevocationRoutes;

internal static class RevocationRoutesExtensions
{
    /// <summary>What the two revocation routes need: the cut-off writer, the operator's policy, and Graph when configured.</summary>
    public static IHostApplicationBuilder AddRevocationRoutes(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SubjectRevoker>();
        builder.AddSignInSessionRevocation();
        builder.Services.AddSingleton<IConfigureOptions<AuthorizationOptions>, RevocationOperatorPolicy>();
        return builder;
    }
}
