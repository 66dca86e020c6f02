using AccountApi.Telemetry;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AccountApi.Revocation;

/// <summary>
/// Revocations shared by every instance through Redis. Each revocation is written as a key with a TTL (the time the
/// in-memory set keeps it) and announced on a pub/sub channel; every instance keeps the full set in memory, loaded at
/// start, re-read after any gap and updated from the channel, so checking a token never waits on the network.
/// </summary>
/// <remarks>
/// An instance knows it holds every revocation only while it sees its subscription work: it sends itself a numbered
/// heartbeat, on the subscription's connection, five times per <see cref="RevocationOptions.MaxStaleness"/>. A number
/// missing or a reconnection means announcements may have been lost with it, so the keys are re-read once the
/// subscription delivers again. With no confirmation for longer than the bound, <see cref="IsCurrent"/> turns false:
/// tokens are answered 503 and readiness is Unhealthy, until the instance has caught up. While Redis is unreachable
/// new revocations are refused (503), never dropped.
/// </remarks>
internal sealed class RedisTokenRevocationStore : ISharedRevocationStore, IHostedService, IDisposable
{
    private const int HeartbeatsPerBound = 5;
    private const int ShownEntryLength = 200;
    private static readonly RedisChannel s_announcements = RedisChannel.Literal(RevocationMessage.KeyPrefix + "announcements");

    // Each instance's own channel: a heartbeat reaches only the instance that sent it, so a fleet adds no fan-out.
    private readonly RedisChannel _heartbeats = RedisChannel.Literal($"{RevocationMessage.KeyPrefix}heartbeat:{Guid.NewGuid():N}");
    private readonly RevocationOptions _options;
    private readonly TimeProvider _time;
    private readonly AccountMetrics _metrics;
    private readonly ILogger<RedisTokenRevocationStore> _logger;
    private readonly RevocationSet _set;
    private readonly RevocationBound _bound;
    private readonly SemaphoreSlim _catchUpGate = new(1, 1);
    private ConnectionMultiplexer? _redis;
    private ITimer? _heartbeat;
    private volatile bool _subscribed;
    private volatile bool _catchUpNeeded;
    private volatile bool _reportedStale;
    private long _heartbeatsSent;
    private long _heartbeatsReceived;
    // UtcTicks of the last moment this instance was known to hold every revocation; 0 until the first load.
    private long _confirmedAt;

    public RedisTokenRevocationStore(
        IOptions<RevocationOptions> options, TimeProvider time, AccountMetrics metrics, ILogger<RedisTokenRevocationStore> logger)
    {
        _options = options.Value;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _set = new RevocationSet(time, _options);
        _bound = new RevocationBound(_set, _options, logger);
        metrics.ObserveRevocations(() => _set.Count);
    }

    /// <inheritdoc />
    public bool HasLoaded => Volatile.Read(ref _confirmedAt) != 0;

    public bool IsConnected => _redis?.IsConnected == true;

    /// <inheritdoc />
    public IConnectionMultiplexer? Connection => _redis;

    public bool IsCurrent
    {
        get
        {
            var confirmedAt = Volatile.Read(ref _confirmedAt);
            return confirmedAt != 0 && _time.GetUtcNow().UtcTicks - confirmedAt <= _options.MaxStaleness.Ticks;
        }
    }

    /// <inheritdoc />
    public bool IsInStep => !_catchUpNeeded && _catchUpGate.CurrentCount == 1;

    /// <summary>Entries held; for tests of the bound.</summary>
    internal int Count => _set.Count;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configuration = ConfigurationOptions.Parse(_options.Redis!);
        // Start, and keep reconnecting, while Redis is down; a command while disconnected fails at once instead of queueing.
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ReconnectRetryPolicy = new ExponentialRetry(250, 5000);
        _redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        _redis.ConnectionFailed += (_, args) =>
        {
            _catchUpNeeded = true;
            RevocationLog.RedisLost(_logger, args.ConnectionType.ToString(), args.FailureType.ToString());
        };
        // Not re-read at once: only once a heartbeat shows the subscription delivers again can a re-read miss nothing.
        _redis.ConnectionRestored += (_, _) => _catchUpNeeded = true;
        await CatchUpAsync(wait: true);
        var interval = _options.MaxStaleness / HeartbeatsPerBound;
        _heartbeat = _time.CreateTimer(_ => Beat(), null, interval, interval);
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
        _bound.EnsureRoom();
        // This instance enforces it at once whatever happens next (fail closed); a reconnection writes it back to Redis.
        message.ApplyTo(_set);
        var ttl = message.KeepUntil(_set) - _time.GetUtcNow();
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
            await StoreAsync(redis.GetDatabase(), message, ttl, When.Always);
            await redis.GetSubscriber().PublishAsync(s_announcements, message.Payload);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            throw new RevocationUnavailableException("Redis did not take the revocation: it is enforced by this instance only.", exception);
        }

        _metrics.Revoked(RevocationKinds.Recorded);
    }

    // A token's key is written as it is; a subject's keeps the later of two cut-offs, whoever writes last. True when
    // this write changed what Redis holds.
    private static async Task<bool> StoreAsync(IDatabase database, RevocationMessage message, TimeSpan ttl, When when)
    {
        if (message.Kind == TokenRevocationKind.Token)
        {
            return await database.StringSetAsync(message.Key, message.Payload, ttl, when);
        }

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var held = await database.StringGetAsync(message.Key);
            if (RevocationMessage.Parse(held) is { } kept && kept.Instant >= message.Instant)
            {
                return false;
            }

            var transaction = database.CreateTransaction();
            transaction.AddCondition(held.IsNull ? Condition.KeyNotExists(message.Key) : Condition.StringEqual(message.Key, held));
            _ = transaction.StringSetAsync(message.Key, message.Payload, ttl);
            if (await transaction.ExecuteAsync())
            {
                return true;
            }
        }

        throw new RedisException($"The cut-off at {message.Key} kept changing while it was written.");
    }

    // What Redis had lost (a restart without persistence) is written back and announced again: an instance that loaded
    // from the emptied server in the meantime learns it from the channel.
    private static async Task WriteBackAsync(ConnectionMultiplexer redis, RevocationMessage message, TimeSpan ttl)
    {
        if (await StoreAsync(redis.GetDatabase(), message, ttl, When.NotExists))
        {
            await redis.GetSubscriber().PublishAsync(s_announcements, message.Payload);
        }
    }

    private void Apply(RedisValue payload)
    {
        if (RevocationMessage.Parse(payload) is not { } message)
        {
            RevocationLog.MalformedRevocation(_logger, "not a revocation", Shown(payload));
        }
        else if (!_set.IsPlausible(message.Instant))
        {
            RevocationLog.MalformedRevocation(_logger, "its instant is not within the longest token lifetime of now", Shown(payload));
        }
        else
        {
            message.ApplyTo(_set);
        }
    }

    private void Beat()
    {
        if (!_reportedStale && HasLoaded && !IsCurrent)
        {
            _reportedStale = true;
            _catchUpNeeded = true;
            RevocationLog.Stale(_logger, _options.MaxStaleness);
        }

        if (!_subscribed)
        {
            // Redis was unreachable at start: subscribe and load as soon as it answers.
            _ = CatchUpAsync(wait: false);
            return;
        }

        if (_redis is not { IsConnected: true } redis)
        {
            return;
        }

        try
        {
            // Numbered before it is sent: one that fails to go out shows as a gap, and the gap as a re-read.
            redis.GetSubscriber().Publish(_heartbeats, Interlocked.Increment(ref _heartbeatsSent), CommandFlags.FireAndForget);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // The next beat tries again; meanwhile the bound runs out.
        }
    }

    private void OnHeartbeat(RedisValue beat)
    {
        if (!beat.TryParse(out long number))
        {
            return;
        }

        if (number != Interlocked.Exchange(ref _heartbeatsReceived, number) + 1)
        {
            _catchUpNeeded = true;
        }

        if (_catchUpNeeded)
        {
            _ = CatchUpAsync(wait: false);
        }
        else
        {
            Volatile.Write(ref _confirmedAt, _time.GetUtcNow().UtcTicks);
        }
    }

    // At start and after any gap: subscribe (once; the client resubscribes by itself afterwards), write back what Redis
    // lost (a restart without persistence), then read every key. What is announced meanwhile arrives by the channel.
    private async Task CatchUpAsync(bool wait)
    {
        if (wait)
        {
            await _catchUpGate.WaitAsync();
        }
        else if (!await _catchUpGate.WaitAsync(0))
        {
            return;
        }

        try
        {
            var redis = _redis!;
            if (!_subscribed)
            {
                var subscriber = redis.GetSubscriber();
                await subscriber.SubscribeAsync(s_announcements, (_, payload) => Apply(payload));
                await subscriber.SubscribeAsync(_heartbeats, (_, beat) => OnHeartbeat(beat));
                _subscribed = true;
            }

            _catchUpNeeded = false;
            var startedAt = _time.GetUtcNow();
            await Task.WhenAll(_set.Entries()
                .Select(entry => (entry, ttl: entry.KeepUntil(_set) - startedAt))
                .Where(write => write.ttl > TimeSpan.Zero)
                .Select(write => WriteBackAsync(redis, write.entry, write.ttl)));

            var database = redis.GetDatabase();

            var loaded = 0;
            foreach (var server in redis.GetServers().Where(server => server.IsConnected && !server.IsReplica))
            {
                await foreach (var key in server.KeysAsync(pattern: RevocationMessage.KeyPrefix + "*", pageSize: 1000))
                {
                    await LoadAsync(database, key);
                    loaded++;
                }
            }

            var wasConfirmedAt = Volatile.Read(ref _confirmedAt);
            Volatile.Write(ref _confirmedAt, startedAt.UtcTicks);
            if (_reportedStale)
            {
                _reportedStale = false;
                RevocationLog.CaughtUp(_logger, startedAt - new DateTimeOffset(wasConfirmedAt, TimeSpan.Zero), loaded);
            }
            else
            {
                RevocationLog.RedisLoaded(_logger, loaded);
            }
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException)
        {
            // Tried again on the next heartbeat; until then the last copy is enforced and the bound runs on.
            _catchUpNeeded = true;
            RevocationLog.RedisLoadFailed(_logger, exception.Message);
        }
        finally
        {
            _catchUpGate.Release();
        }
    }

    private async Task LoadAsync(IDatabase database, RedisKey key)
    {
        try
        {
            Apply(await database.StringGetAsync(key));
        }
        catch (RedisServerException exception)
        {
            // Not a string (WRONGTYPE): someone else's data under our prefix. One bad key must not stop the others.
            RevocationLog.MalformedRevocation(_logger, exception.Message, Shown(key.ToString()));
        }
    }

    // What a log line may show of an entry read from Redis: bounded, and printable only, so it cannot forge log lines.
    private static string Shown(string? entry)
    {
        var text = entry ?? "(none)";
        var shown = text.Length > ShownEntryLength ? text[..ShownEntryLength] + "…" : text;
        return string.Concat(shown.Select(c => char.IsControl(c) ? '?' : c));
    }

    public void Dispose()
    {
        _heartbeat?.Dispose();
        _redis?.Dispose();
        _set.Dispose();
        _catchUpGate.Dispose();
    }
}
