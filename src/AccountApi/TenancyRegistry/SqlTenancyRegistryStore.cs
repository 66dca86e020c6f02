using System.Data;
using System.Data.Common;
using System.Globalization;
using AccountApi.Tenancy;

namespace AccountApi.TenancyRegistry;

/// <summary>
/// The registry in a SQL database, in SQL that SQLite and PostgreSQL both speak; a subclass gives the connection and
/// the one thing that differs (how schema changes are kept to one instance at a time).
/// </summary>
/// <remarks>
/// Writers queue on the single row of <c>tenancy_registry</c>: each write transaction bumps its sequence first, so
/// sequences are handed out in commit order and an instance reading "after the last one I applied" misses nothing.
/// </remarks>
internal abstract class SqlTenancyRegistryStore(DbDataSource dataSource, string schemaFolder) : ITenancyRegistryStore
{
    private const string Columns = "key, name, display_name, directory_ids, suspended, deleted, sequence, required_roles, required_acrs";

    private const string Upsert = $"""
        INSERT INTO tenancies ({Columns}) VALUES (@key, @name, @display_name, @directory_ids, @suspended, 0, @sequence, @required_roles, @required_acrs)
        ON CONFLICT (key) DO UPDATE SET name = excluded.name, display_name = excluded.display_name,
            directory_ids = excluded.directory_ids, suspended = excluded.suspended, deleted = 0, sequence = excluded.sequence,
            required_roles = excluded.required_roles, required_acrs = excluded.required_acrs
        """;

    protected DbDataSource DataSource { get; } = dataSource;

    /// <summary>What must happen before the first transaction (outside one).</summary>
    protected virtual Task BeforePrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Holds off other instances' schema changes until <paramref name="transaction"/> ends.</summary>
    protected abstract Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>The isolation of write transactions; the sequence row's lock is what queues writers.</summary>
    protected virtual IsolationLevel WriteIsolation => IsolationLevel.Serializable;

    /// <summary>Tells the other instances, when <paramref name="transaction"/> commits, that the registry changed.</summary>
    protected virtual Task AnnounceAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<bool> PrepareAsync(IReadOnlyCollection<TenancyInfo> seed, CancellationToken cancellationToken)
    {
        try
        {
            await BeforePrepareAsync(cancellationToken);
        }
        catch (Exception exception) when (IsStoreFault(exception, cancellationToken) || exception is UnauthorizedAccessException)
        {
            throw new TenancyStoreUnavailableException($"The tenancy registry could not be opened: {exception.Message}", exception);
        }

        return await InTransactionAsync(async (connection, transaction) =>
        {
            await LockSchemaAsync(connection, transaction, cancellationToken);
            await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)", cancellationToken);
            var applied = Convert.ToInt64(await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", cancellationToken), CultureInfo.InvariantCulture);
            foreach (var (version, script) in RegistrySchema.Scripts(schemaFolder).Where(script => script.Version > applied))
            {
                await ExecuteAsync(connection, transaction, script, cancellationToken);
                await ExecuteAsync(connection, transaction, $"INSERT INTO schema_migrations (version) VALUES ({version})", cancellationToken);
            }

            if (Convert.ToInt64(await ScalarAsync(connection, transaction, "SELECT seeded FROM tenancy_registry WHERE id = 1", cancellationToken), CultureInfo.InvariantCulture) != 0)
            {
                return (false, true);
            }

            await WriteAllAsync(connection, transaction, seed.ToAsyncEnumerable(), cancellationToken);
            await ExecuteAsync(connection, transaction, "UPDATE tenancy_registry SET seeded = 1 WHERE id = 1", cancellationToken);
            return (true, true);
        }, cancellationToken);
    }

    // One statement is one snapshot in both engines, and every write stamps the row it writes, so the largest sequence
    // read is the registry's as of that snapshot. Most rows are a name and a directory: columns cost more to read than
    // rows (about 0.3 µs each), so the others are read only for rows that need them.
    private const string LoadAll = $"""
        SELECT key, directory_ids, sequence,
            CASE WHEN deleted = 0 AND suspended = 0 AND name = key AND display_name = key AND required_roles = '' AND required_acrs = '' THEN 1 ELSE 0 END,
            {Columns}
        FROM tenancies
        """;

    public async Task<long> LoadAsync(Action<TenancyRecord> load, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
            await using var command = Command(connection, null, LoadAll);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            long current = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                var sequence = reader.GetInt64(2);
                current = Math.Max(current, sequence);
                if (reader.GetInt32(3) == 1)
                {
                    var name = reader.GetString(0);
                    load(new TenancyRecord(name, new TenancyInfo(name, name, DirectoryIds(reader.GetString(1)), Suspended: false), sequence));
                }
                else
                {
                    load(Read(reader, offset: 4));
                }
            }

            return current;
        }
        catch (Exception exception) when (IsStoreFault(exception, cancellationToken))
        {
            throw new TenancyStoreUnavailableException($"The tenancy registry could not be read: {exception.Message}", exception);
        }
    }

    public Task<IReadOnlyList<TenancyRecord>> ReadChangesAsync(long after, int limit, CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {Columns} FROM tenancies WHERE sequence > @after ORDER BY sequence LIMIT @limit", cancellationToken, ("after", after), ("limit", limit));

    public async Task<TenancyRecord?> FindAsync(string name, CancellationToken cancellationToken) =>
        (await ReadAsync($"SELECT {Columns} FROM tenancies WHERE key = @key", cancellationToken, ("key", TenancyRecord.KeyOf(name)))).SingleOrDefault();

    public Task<IReadOnlyList<TenancyRecord>> ListAsync(string? after, int limit, CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {Columns} FROM tenancies WHERE deleted = 0 AND key > @after ORDER BY key LIMIT @limit", cancellationToken, ("after", TenancyRecord.KeyOf(after ?? "")), ("limit", limit));

    public Task<TenancyWriteResult> PutAsync(TenancyInfo tenancy, TenancyPrecondition precondition, CancellationToken cancellationToken) =>
        InTransactionAsync(async (connection, transaction) =>
        {
            var sequence = await NextSequenceAsync(connection, transaction, 1, cancellationToken);
            var current = await FindAsync(connection, transaction, tenancy.Name, cancellationToken);
            if (!precondition.Allows(current))
            {
                return (new TenancyWriteResult(TenancyWriteOutcome.PreconditionFailed, current), false);
            }

            await using var command = Command(connection, transaction, Upsert);
            Bind(command, tenancy, sequence);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await AnnounceAsync(connection, transaction, cancellationToken);
            var outcome = current?.Tenancy is null ? TenancyWriteOutcome.Created : TenancyWriteOutcome.Replaced;
            return (new TenancyWriteResult(outcome, new TenancyRecord(TenancyRecord.KeyOf(tenancy.Name), tenancy, sequence)), true);
        }, cancellationToken);

    public Task<TenancyWriteResult> DeleteAsync(string name, TenancyPrecondition precondition, CancellationToken cancellationToken) =>
        InTransactionAsync(async (connection, transaction) =>
        {
            var sequence = await NextSequenceAsync(connection, transaction, 1, cancellationToken);
            var current = await FindAsync(connection, transaction, name, cancellationToken);
            var outcome = current?.Tenancy is null ? TenancyWriteOutcome.NotFound
                : !precondition.Allows(current) ? TenancyWriteOutcome.PreconditionFailed
                : TenancyWriteOutcome.Deleted;
            if (outcome != TenancyWriteOutcome.Deleted)
            {
                return (new TenancyWriteResult(outcome, current), false);
            }

            await ExecuteAsync(connection, transaction, "UPDATE tenancies SET deleted = 1, sequence = @sequence WHERE key = @key", cancellationToken, ("sequence", sequence), ("key", current!.Key));
            await AnnounceAsync(connection, transaction, cancellationToken);
            return (new TenancyWriteResult(outcome, current with { Tenancy = null, Sequence = sequence }), true);
        }, cancellationToken);

    public Task<int> ImportAsync(IAsyncEnumerable<TenancyInfo> tenancies, CancellationToken cancellationToken) =>
        InTransactionAsync(async (connection, transaction) =>
        {
            var written = await WriteAllAsync(connection, transaction, tenancies, cancellationToken);
            await AnnounceAsync(connection, transaction, cancellationToken);
            return (written, true);
        }, cancellationToken);

    // One prepared insert, re-run with new values: the sequence row is locked by the first statement, and the last
    // number used is written back at the end.
    private static async Task<int> WriteAllAsync(DbConnection connection, DbTransaction transaction, IAsyncEnumerable<TenancyInfo> tenancies, CancellationToken cancellationToken)
    {
        var sequence = await NextSequenceAsync(connection, transaction, 0, cancellationToken);
        await using var command = Command(connection, transaction, Upsert);
        var written = 0;
        await foreach (var tenancy in tenancies.WithCancellation(cancellationToken))
        {
            Bind(command, tenancy, ++sequence);
            await command.ExecuteNonQueryAsync(cancellationToken);
            written++;
        }

        await ExecuteAsync(connection, transaction, "UPDATE tenancy_registry SET sequence = @sequence WHERE id = 1", cancellationToken, ("sequence", sequence));
        return written;
    }

    private static async Task<long> NextSequenceAsync(DbConnection connection, DbTransaction transaction, int step, CancellationToken cancellationToken) =>
        Convert.ToInt64(
            await ScalarAsync(connection, transaction, $"UPDATE tenancy_registry SET sequence = sequence + {step} WHERE id = 1 RETURNING sequence", cancellationToken),
            CultureInfo.InvariantCulture);

    private static async Task<TenancyRecord?> FindAsync(DbConnection connection, DbTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, $"SELECT {Columns} FROM tenancies WHERE key = @key", ("key", TenancyRecord.KeyOf(name)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private async Task<IReadOnlyList<TenancyRecord>> ReadAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        try
        {
            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
            await using var command = Command(connection, null, sql, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var records = new List<TenancyRecord>();
            while (await reader.ReadAsync(cancellationToken))
            {
                records.Add(Read(reader));
            }

            return records;
        }
        catch (Exception exception) when (IsStoreFault(exception, cancellationToken))
        {
            throw new TenancyStoreUnavailableException($"The tenancy registry could not be read: {exception.Message}", exception);
        }
    }

    // The work says whether to commit: a failed precondition rolls back (the sequence it took included).
    private async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<(T Result, bool Commit)>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(WriteIsolation, cancellationToken);
            var (result, commit) = await work(connection, transaction);
            if (commit)
            {
                await transaction.CommitAsync(cancellationToken);
            }
            else
            {
                await transaction.RollbackAsync(cancellationToken);
            }

            return result;
        }
        catch (Exception exception) when (IsStoreFault(exception, cancellationToken))
        {
            throw new TenancyStoreUnavailableException($"The tenancy registry could not be written: {exception.Message}", exception);
        }
    }

    private static bool IsStoreFault(Exception exception, CancellationToken cancellationToken) =>
        exception is DbException or TimeoutException or IOException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    // The columns of Columns, from the offset'th of the result.
    private static TenancyRecord Read(DbDataReader reader, int offset = 0)
    {
        var key = reader.GetString(offset);
        var sequence = reader.GetInt64(offset + 6);
        if (reader.GetInt64(offset + 5) != 0)
        {
            return new TenancyRecord(key, null, sequence);
        }

        var directories = DirectoryIds(reader.GetString(offset + 3));
        var name = reader.GetString(offset + 1);
        var displayName = reader.GetString(offset + 2);
        // Most names are their key and most display names the name: one string, not three, for each of a million
        // tenancies; most policies are empty (a shared empty array).
        key = key == name ? name : key;
        return new TenancyRecord(key, new TenancyInfo(name, displayName == name ? name : displayName, directories, reader.GetInt64(offset + 4) != 0)
        {
            RequiredRoles = Words(reader.GetString(offset + 7)),
            RequiredAuthenticationContexts = Words(reader.GetString(offset + 8)),
        }, sequence);
    }

    // Space-separated GUIDs, as Bind writes them: usually one.
    private static Guid[] DirectoryIds(string value)
    {
        var ids = new Guid[value.AsSpan().Count(' ') + 1];
        var count = 0;
        foreach (var range in value.AsSpan().Split(' '))
        {
            if (!value.AsSpan(range).IsEmpty)
            {
                ids[count++] = Guid.Parse(value.AsSpan(range));
            }
        }

        return count == ids.Length ? ids : ids[..count];
    }

    private static string[] Words(string value) => value.Length == 0 ? [] : value.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static void Bind(DbCommand command, TenancyInfo tenancy, long sequence)
    {
        Set(command, "key", TenancyRecord.KeyOf(tenancy.Name));
        Set(command, "name", tenancy.Name);
        Set(command, "display_name", tenancy.DisplayName);
        Set(command, "directory_ids", string.Join(' ', tenancy.DirectoryIds.Select(id => id.ToString("D"))));
        Set(command, "suspended", tenancy.Suspended ? 1L : 0L);
        Set(command, "sequence", sequence);
        Set(command, "required_roles", string.Join(' ', tenancy.RequiredRoles));
        Set(command, "required_acrs", string.Join(' ', tenancy.RequiredAuthenticationContexts));
    }

    private static void Set(DbCommand command, string name, object value)
    {
        if (command.Parameters.Contains(name))
        {
            command.Parameters[name].Value = value;
            return;
        }

        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            Set(command, name, value);
        }

        return command;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
