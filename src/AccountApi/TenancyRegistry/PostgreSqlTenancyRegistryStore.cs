using System.Data;
using System.Data.Common;
using Npgsql;

namespace AccountApi.TenancyRegistry;

/// <summary>
/// The registry in PostgreSQL, for several instances on several machines. Writers announce each commit on a
/// <c>LISTEN/NOTIFY</c> channel, so other instances read the change at once; their periodic read catches up whatever a
/// dropped listening connection missed. Npgsql's slim data source keeps the native build.
/// </summary>
internal sealed class PostgreSqlTenancyRegistryStore(string connectionString) :
    SqlTenancyRegistryStore(new NpgsqlSlimDataSourceBuilder(connectionString).Build(), "PostgreSql"), ITenancyChangeNotifier
{
    private const string Channel = "accountapi_tenancies";

    // Any constant: the key of the advisory lock that keeps schema changes to one instance at a time.
    private const long SchemaLock = 0x4163636F756E74;

    protected override IsolationLevel WriteIsolation => IsolationLevel.ReadCommitted;

    protected override async Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", ("key", SchemaLock));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override async Task AnnounceAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        // Delivered when the transaction commits, and not at all if it rolls back.
        await using var command = Command(connection, transaction, $"NOTIFY {Channel}");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ListenAsync(Action changed, CancellationToken cancellationToken)
    {
        await using var connection = (NpgsqlConnection)await DataSource.OpenConnectionAsync(cancellationToken);
        connection.Notification += (_, _) => changed();
        await using (var command = Command(connection, null, $"LISTEN {Channel}"))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // Listening from here: whatever committed before is read by the caller's catch-up after this returns control.
        changed();
        while (true)
        {
            await connection.WaitAsync(cancellationToken);
        }
    }
}
