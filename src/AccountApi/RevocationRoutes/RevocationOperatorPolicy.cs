using AccountApi.Authorization;
using AccountApi.Revocation;
using AccountApi.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace AccountApi.RevocationRoutes;

/// <summary>
/// The policy of the operator's revocation route: an app-only token with the app role
/// <see cref="RevocationOptions.OperatorRole"/>, from a directory the service serves, acting where it may.
/// </summary>
internal sealed class RevocationOperatorPolicy(AdmittedDirectories directories) : IConfigureOptions<AuthorizationOptions>
{
    public const string Name = "RevocationOperator";

    public void Configure(AuthorizationOptions options) =>
        options.AddPolicy(Name, new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .AddRequirements(new AppRoleRequirement(RevocationOptions.OperatorRole), new OperatorDirectoryRequirement(directories))
            .Build());
}
