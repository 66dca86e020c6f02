using AccountApi.Revocation;

namespace AccountApi.Tests.Revocation;

/// <summary>What travels through Redis reads back as it was written, and nothing else is ever applied.</summary>
public sealed class RevocationMessageTests
{
    private static readonly DateTimeOffset s_instant = DateTimeOffset.FromUnixTimeSeconds(1_764_072_000);

    [Fact]
    public void TokenAndCutOffMessages_ReadBackAsWritten()
    {
        var token = RevocationMessage.ForToken("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU", s_instant);
        var cutOff = RevocationMessage.ForSubject(new RevocationSubject(Guid.NewGuid(), Guid.NewGuid()), s_instant);

        Assert.Equal(token, RevocationMessage.Parse(token.Payload));
        Assert.Equal(cutOff, RevocationMessage.Parse(cutOff.Payload));
        Assert.StartsWith(RevocationMessage.KeyPrefix + "s:", cutOff.Key, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("t digest")]
    [InlineData("t digest soon")]
    [InlineData("t digest -1")]
    [InlineData("s not-a-guid c0c0c0c0-0000-4000-8000-000000000001 1764072000")]
    [InlineData("x digest 1764072000")]
    [InlineData("t 0123456789012345678901234567890123456789012345678901234567890123456789 1764072000")]
    [InlineData("t digest 99999999999999999999")]
    public void MalformedPayloads_AreNotMessages(string? payload) => Assert.Null(RevocationMessage.Parse(payload));
}
