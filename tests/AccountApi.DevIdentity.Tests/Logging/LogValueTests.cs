using AccountApi.DevIdentity.Logging;

namespace AccountApi.DevIdentity.Tests.Logging;

public sealed class LogValueTests
{
    [Theory]
    [InlineData("client_credentials\r\nforged", "client_credentials??forged")]
    [InlineData("a\nb", "a?b")]
    [InlineData("a\0b", "a?b")]
    [InlineData("tab\there", "tab?here")]
    [InlineData("next\u0085line", "next?line")]
    [InlineData("line\u2028separator", "line?separator")]
    public void Sanitize_ReplacesControlAndLineBreakingCharacters(string value, string expected)
    {
        var sanitized = LogValue.Sanitize(value);

        Assert.Equal(expected, sanitized);
    }

    [Fact]
    public void Sanitize_CutsALongValueTo100CharactersAndAnEllipsis()
    {
        var value = new string('x', 150);

        var sanitized = LogValue.Sanitize(value);

        Assert.Equal(new string('x', LogValue.MaxLength) + "…", sanitized);
    }

    [Fact]
    public void Sanitize_CutsBeforeASurrogatePairRatherThanThroughIt()
    {
        var value = new string('x', LogValue.MaxLength - 1) + "😀tail";

        var sanitized = LogValue.Sanitize(value);

        Assert.Equal(new string('x', LogValue.MaxLength - 1) + "…", sanitized);
    }

    [Fact]
    public void Sanitize_ReplacesControlCharactersInALongValueToo()
    {
        var value = "\r\n" + new string('x', 200);

        var sanitized = LogValue.Sanitize(value, maxLength: 10);

        Assert.Equal("??xxxxxxxx…", sanitized);
    }

    [Theory]
    [InlineData("authorization_code")]
    [InlineData("http://localhost:3000/callback?tab=1&x=é")]
    [InlineData("")]
    public void Sanitize_LeavesOrdinaryValuesUnchanged(string value)
    {
        var sanitized = LogValue.Sanitize(value);

        Assert.Same(value, sanitized);
    }

    [Fact]
    public void Sanitize_LeavesAValueOfExactlyTheLimitUncut()
    {
        var value = new string('x', LogValue.MaxLength);

        var sanitized = LogValue.Sanitize(value);

        Assert.Equal(value, sanitized);
    }
}
