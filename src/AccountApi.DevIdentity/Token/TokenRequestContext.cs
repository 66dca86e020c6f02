using AccountApi.DevIdentity.Configuration;
using AccountApi.DevIdentity.Protocol;
using AccountApi.DevIdentity.Directories;

namespace AccountApi.DevIdentity.Token;

/// <summary>An authenticated token request, handed to the grant handlers.</summary>
internal sealed record TokenRequestContext(
    DirectorySelection Tenant,
    DevClient Client,
    bool ClientUsedSecret,
    RequestParameters Parameters,
    ClaimsRequest Claims,
    IAccessTokenRevocationSink RevocationSink,
    CancellationToken CancellationToken);
