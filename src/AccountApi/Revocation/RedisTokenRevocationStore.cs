using AccountApi.Telemetry;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AccountApi.Revocation;

/// <summary>
/// Revocations shared by every instance through Redis. Each revocation is written as a key with a TTL (the time the
/// in-memory set keeps it) and announced on a pub/sub channel; every instance keeps the full set in memory, loaded at
/// start and after every reconnection, and updated from the channel, so checking a token never waits on the network.
/// While Redis is unreachable the last copy keeps being enforced and new revocations are refused (503), never dropped.
/// </summary>
internal sealed class RedisTokenRevocationStore(
    IOptions<RevocationOptions> options, TimeProvider timeProvider, AccountMetrics metrics, ILogger<RedisTokenRevocationStore> logger)
    : ITokenRevocationStore, IHostedService, IDisposable
{
    private static readonly RedisChannel s_channel = RedisChannel.Literal(RevocationMessage.KeyPrefix + "announcements");

    private readonly RevocationSet _set = new(timeProvider, options.Value.MaxTokenLifetime);
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private ConnectionMultiplexer? _redis;
    private bool _subscribed;

    /// <summary>The set was loaded from Redis at least once: before that, this instance knows no shared revocation.</summary>
    public bool HasLoaded { get; private set; }

    public bool IsConnected => _redis?.IsConnected == true;

    /// <summary>Entries held; for tests of the bound.</summary>
    internal int Count => _set.Count;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configuration = ConfigurationOptions.Parse(options.Value.Redis!);
        // Start, and keep reconnecting, while Redis is down; a command while disconnected fails at once instead of queueing.
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ReconnectRetryPolicy = new ExponentialRetry(250, 5000);
        _redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        _redis.ConnectionFailed += (_, args) => RevocationLog.RedisLost(logger, args.ConnectionType.ToString(), args.FailureType.ToString());
        _redis.ConnectionRestored += (_, _) => _ = ReloadAsync();
        await ReloadAsync();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask RevokeTokenAsync(string tokenDigest, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        WriteAsync(RevocationMessage.ForToken(tokenDigest, expiresAt));

    public ValueTask RevokeSubjectAsync(RevocationSubject subject, DateTimeOffset issuedBefore, CancellationToken cancellationToken) =>
        WriteAsync(RevocationMessage.ForSubject(subject, issuedBefore));

    public TokenRevocation? Find(string tokenDigest, RevocationSubject subject, DateTimeOffset issuedAt) =>
        _set.Find(tokenDigest, subject, issuedAt);

    private async ValueTask WriteAsync(RevocationMessage message)
    {
        // This instance enforces it at once whatever happens next (fail closed); a reconnection writes it back to Redis.
        message.ApplyTo(_set);
        var ttl = message.KeepUntil(_set) - timeProvider.GetUtcNow();
        if (ttl <= TimeSpan.Zero)
        {
            return;
        }

        if (_redis is not { IsConnected: true } redis)
        {
            throw new RevocationUnavailableException("Redis is not connected: the revocation is enforced by this instance only.");
        }

        try
        {
            await redis.GetDatabase().StringSetAsync(message.Key, message.Payload, ttl);
            await redis.GetSubscriber().PublishAsync(s_channel, message.Payload);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            throw new RevocationUnavailableException("Redis did not take the revocation: it is enforced by this instance only.", exception);
        }

        metrics.Revoked(RevocationKinds.Recorded);
    }

    private void Apply(RedisValue payload)
    {
        if (RevocationMessage.Parse(payload) is { } message)
        {
            message.ApplyTo(_set);
        }
        else
        {
            RevocationLog.MalformedRevocation(logger);
        }
    }

    // At start and on every reconnection: subscribe (once; the client resubscribes by itself afterwards), write back what
    // Redis lost (a restart without persistence), then load everything. Serialized: both connections report a restore.
    private async Task ReloadAsync()
    {
        await _reloadGate.WaitAsync();
        try
        {
            var redis = _redis!;
            if (!_subscribed)
            {
                await redis.GetSubscriber().SubscribeAsync(s_channel, (_, payload) => Apply(payload));
                _subscribed = true;
            }

            var database = redis.GetDatabase();
            var now = timeProvider.GetUtcNow();
            await Task.WhenAll(_set.Entries()
                .Select(entry => (entry, ttl: entry.KeepUntil(_set) - now))
                .Where(write => write.ttl > TimeSpan.Zero)
                .Select(write => database.StringSetAsync(write.entry.Key, write.entry.Payload, write.ttl, When.NotExists)));

            var loaded = 0;
            foreach (var server in redis.GetServers().Where(server => server.IsConnected && !server.IsReplica))
            {
                await foreach (var key in server.KeysAsync(pattern: RevocationMessage.KeyPrefix + "*", pageSize: 1000))
                {
                    Apply(await database.StringGetAsync(key));
                    loaded++;
                }
            }

            HasLoaded = true;
            RevocationLog.RedisLoaded(logger, loaded);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException)
        {
            // Tried again on the next reconnection; until then the last copy is enforced and readiness says so.
            RevocationLog.RedisLoadFailed(logger, exception.Message);
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    public void Dispose()
    {
        _redis?.Dispose();
        _set.Dispose();
        _reloadGate.Dispose();
    }
}
