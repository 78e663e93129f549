using System.Reflection;
using Npgsql;

namespace Platform.Silo.Database;

/// <summary>
/// Applies the embedded SQL scripts under Database/Migrations in name order, each once. All
/// of it runs in one transaction under an advisory lock, so silos starting together apply
/// each script exactly once and a failed script leaves nothing half-done.
/// </summary>
public sealed class DatabaseMigrator(string connectionString, ILogger logger)
{
    // Any fixed number works; it only has to be the same for every silo of this database.
    private const long MigrationLockKey = 0x706c6174666f726d; // "platform"

    public static IReadOnlyList<(string Id, string Sql)> Scripts { get; } = LoadScripts();

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenWithRetryAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({MigrationLockKey})", cancellationToken);
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS platform_migrations (
                id text PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now())
            """, cancellationToken);

        var applied = new HashSet<string>();
        await using (var read = new NpgsqlCommand("SELECT id FROM platform_migrations", connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) applied.Add(reader.GetString(0));
        }

        foreach (var (id, sql) in Scripts.Where(s => !applied.Contains(s.Id)))
        {
            logger.LogInformation("Applying database migration {Migration}", id);
            await ExecuteAsync(connection, sql, cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO platform_migrations (id) VALUES (@id)", connection);
            record.Parameters.AddWithValue("id", id);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Database schema is current ({Count} migrations)", Scripts.Count);
    }

    /// <summary>The database may still be starting (a container, a fresh cluster): wait for it a while.</summary>
    private async Task<NpgsqlConnection> OpenWithRetryAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        for (var attempt = 1; ; attempt++)
        {
            var connection = new NpgsqlConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                return connection;
            }
            catch (NpgsqlException ex) when (DateTime.UtcNow < deadline)
            {
                await connection.DisposeAsync();
                logger.LogWarning("PostgreSQL not reachable yet (attempt {Attempt}): {Reason}", attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), cancellationToken);
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<(string, string)> LoadScripts()
    {
        var assembly = Assembly.GetExecutingAssembly();
        const string prefix = "Platform.Silo.Database.Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (n[prefix.Length..^4], reader.ReadToEnd());
            })
            .ToList();
    }
}
