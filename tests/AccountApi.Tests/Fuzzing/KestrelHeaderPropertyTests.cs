using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using AccountApi.Testing;
using AccountApi.Tests.Infrastructure;
using CsCheck;
using static AccountApi.Tests.Infrastructure.AccountApiFactory;

namespace AccountApi.Tests.Fuzzing;

/// <summary>
/// Property-based, over real Kestrel and a raw socket: arbitrary bytes in <c>Authorization</c> and <c>X-Tenant-ID</c>
/// (CR, LF, NUL, bytes above 0x7F, values beyond Kestrel's header limits) get Kestrel's own 400 or 431, or our 4xx
/// problem document, or the token's own account; never a 5xx, never a hang.
/// </summary>
public sealed partial class KestrelHeaderPropertyTests(KestrelAccountApi kestrel) : IClassFixture<KestrelAccountApi>
{
    internal const int Cases = 150;

    private static readonly TimeSpan s_answerTimeout = TimeSpan.FromSeconds(10);

    private static readonly Gen<byte[]> s_bytes = Gen.Frequency<byte[]>(
        (4, Gen.Byte.Array[0, 120]),
        (2, Gen.Char[' ', '~'].Array[0, 60].Select(chars => Encoding.ASCII.GetBytes(chars))),
        (1, Gen.OneOf<byte>(0, (byte)'\r', (byte)'\n', 0x7F, 0x80, 0xC3, 0xFF).Array[1, 6]),
        // Past Kestrel's 32 KiB of request headers: its own 431.
        (1, Gen.Int[8_000, 40_000].Select(length => Enumerable.Repeat((byte)'A', length).ToArray())));

    [Fact]
    public async Task GetMe_WithAnyBytesInTheHeaders_AnswersA4xxOrTheTokensOwnAccount()
    {
        var token = Encoding.ASCII.GetBytes("Bearer " + kestrel.Factory.Authority.Sign(ContosoUser));
        var authorization = Gen.Frequency<byte[]>((1, Gen.Const(token)), (3, s_bytes));
        var tenancy = Gen.Frequency<byte[]>((1, Gen.OneOf("contoso", "fabrikam", "globex").Select(Encoding.ASCII.GetBytes)), (3, s_bytes));
        var cases = Gen.Select(authorization.Array[1, 2], tenancy.Array[1, 2]);
        int kestrelsOwn = 0, ours = 0;

        await cases.SampleAsync(
            async (authorizations, tenancies) =>
            {
                var answer = await SendRawAsync(authorizations, tenancies);
                var status = StatusLine().Match(answer) is { Success: true } line ? int.Parse(line.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
                Assert.True(status is >= 400 and < 500 || status == 200, $"Expected 4xx or 200, got: {answer[..Math.Min(answer.Length, 300)]}");
                if (status == 200)
                {
                    Assert.Contains("\"directoryId\":\"" + ContosoDirectory + "\"", answer, StringComparison.Ordinal);
                    Assert.Contains("\"tenancy\":{\"name\":\"contoso\"", answer, StringComparison.Ordinal);
                }
                else if (answer.Contains("Content-Type: application/problem+json", StringComparison.OrdinalIgnoreCase))
                {
                    Interlocked.Increment(ref ours);
                }
                else
                {
                    // Only Kestrel's parser answers without a problem document, and only with these two.
                    Assert.True(status is 400 or 431, $"A {status} that is not a problem document: {answer[..Math.Min(answer.Length, 300)]}");
                    Interlocked.Increment(ref kestrelsOwn);
                }
            },
            iter: Cases,
            print: sample => $"Authorization {Printable(sample.Item1)}, X-Tenant-ID {Printable(sample.Item2)}");

        // Not vacuous: both Kestrel's parser and the service's own refusals were reached.
        Assert.True(kestrelsOwn > 0 && ours > 0, $"Kestrel answered {kestrelsOwn} cases, the service {ours}.");
    }

    private async Task<string> SendRawAsync(byte[][] authorizations, byte[][] tenancies)
    {
        using var request = new MemoryStream();
        // Connection: close before the fuzzed lines, so that the first answer ends the exchange whatever they contain.
        request.Write(Encoding.ASCII.GetBytes($"GET /account/me HTTP/1.1\r\nHost: {kestrel.Address.Authority}\r\nConnection: close\r\n"));
        foreach (var (name, values) in (ReadOnlySpan<(string, byte[][])>)[("Authorization", authorizations), (AccountApiHeaders.TenantId, tenancies)])
        {
            foreach (var value in values)
            {
                request.Write(Encoding.ASCII.GetBytes(name + ": "));
                request.Write(value);
                request.Write("\r\n"u8);
            }
        }

        request.Write("\r\n"u8);

        using var timeout = new CancellationTokenSource(s_answerTimeout);
        using var client = new TcpClient();
        await client.ConnectAsync(kestrel.Address.Host, kestrel.Address.Port, timeout.Token);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(request.ToArray(), timeout.Token);
        }
        catch (IOException)
        {
            // Kestrel may answer and close before it has read a long request; the answer is still there to read.
        }

        using var answer = new MemoryStream();
        await stream.CopyToAsync(answer, timeout.Token);
        return Encoding.Latin1.GetString(answer.ToArray());
    }

    private static string Printable(byte[][] values) =>
        HeaderGenerators.Describe(values.Select(value => Encoding.Latin1.GetString(value)));

    [GeneratedRegex(@"^HTTP/1\.1 (\d{3}) ")]
    private static partial Regex StatusLine();
}
