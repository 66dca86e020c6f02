using AccountApi.DevIdentity.Configuration;
using Microsoft.AspNetCore.Http;

namespace AccountApi.DevIdentity.Token;

/// <summary>The authenticated client, or the error response to send.</summary>
internal sealed record ClientAuthentication(DevClient? Client, bool UsedSecret, IResult? Failure, string? FailureReason)
{
    public static ClientAuthentication Success(DevClient client, bool usedSecret) => new(client, usedSecret, null, null);

    public static ClientAuthentication Fail(IResult failure, string reason) => new(null, false, failure, reason);
}
