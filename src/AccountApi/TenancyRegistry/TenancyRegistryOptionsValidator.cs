using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AccountApi.TenancyRegistry;

internal sealed class TenancyRegistryOptionsValidator : IValidateOptions<TenancyRegistryOptions>
{
    public ValidateOptionsResult Validate(string? name, TenancyRegistryOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Sqlite) || options.Sqlite.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"{TenancyRegistryOptions.SectionName}:Sqlite '{options.Sqlite}' must be a file path (default {TenancyRegistryOptions.DefaultSqlitePath}, relative to the content root).");
        }

        if (options.PostgreSql is { } connectionString)
        {
            // The message never repeats the string: it may hold a password.
            const string Example = "e.g. Host=db.internal;Database=accountapi;Username=accountapi;Password=…";
            try
            {
                if (string.IsNullOrWhiteSpace(HostOf(connectionString)))
                {
                    failures.Add($"{TenancyRegistryOptions.SectionName}:PostgreSql names no Host: {Example}.");
                }
            }
            catch (ArgumentException)
            {
                failures.Add($"{TenancyRegistryOptions.SectionName}:PostgreSql is not an Npgsql connection string: {Example}.");
            }
        }

        if (options.PollInterval < TimeSpan.FromMilliseconds(100) || options.PollInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{TenancyRegistryOptions.SectionName}:PollInterval '{options.PollInterval}' must be between 00:00:00.1 and 00:01:00 (default 00:00:00.5).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // A method of its own, never inlined: compiling it loads Npgsql, which an instance on SQLite never loads.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string? HostOf(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Host;
}
