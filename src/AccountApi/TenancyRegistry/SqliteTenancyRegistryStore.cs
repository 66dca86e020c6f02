using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace AccountApi.TenancyRegistry;

/// <summary>
/// The registry in a SQLite file: the default, with nothing to install. Write transactions are <c>BEGIN IMMEDIATE</c>
/// (Microsoft.Data.Sqlite's serializable transactions), which already keeps schema changes to one instance at a time.
/// </summary>
internal sealed class SqliteTenancyRegistryStore(string path) : SqlTenancyRegistryStore(CreateDataSource(path), "Sqlite")
{
    // Creates the file's folder, and turns on the write-ahead journal (a property of the file, outside any
    // transaction), so readers never wait on a writer and instances on one machine can share the file.
    protected override async Task BeforePrepareAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    private static DbDataSource CreateDataSource(string path) =>
        SqliteFactory.Instance.CreateDataSource(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Seconds a statement waits for another instance's write to finish.
            DefaultTimeout = 5,
        }.ToString());
}
