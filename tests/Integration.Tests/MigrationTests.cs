using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.Silo.Database;

namespace Platform.Integration.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrating_twice_applies_each_script_once_and_changes_nothing()
    {
        var database = await TestServices.CreateDatabaseAsync("migrate");
        var migrator = new DatabaseMigrator(database, NullLogger.Instance);
        await migrator.MigrateAsync();
        var before = await SchemaFingerprintAsync(database);
        await migrator.MigrateAsync();

        Assert.Equal(before, await SchemaFingerprintAsync(database));
        Assert.Equal(DatabaseMigrator.Scripts.Count, await ScalarAsync<long>(database, "SELECT count(*) FROM platform_migrations"));
        Assert.True(await ScalarAsync<long>(database, "SELECT count(*) FROM orleansquery") >= 20);
    }

    [Fact]
    public async Task Every_script_can_itself_run_twice()
    {
        var database = await TestServices.CreateDatabaseAsync("rerun");
        foreach (var (_, sql) in DatabaseMigrator.Scripts)
        {
            await ExecuteAsync(database, sql);
            await ExecuteAsync(database, sql);
        }
        Assert.True(await ScalarAsync<long>(database, "SELECT count(*) FROM orleansquery") >= 20);
    }

    [Fact]
    public async Task Silos_starting_together_migrate_without_conflict()
    {
        var database = await TestServices.CreateDatabaseAsync("race");
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new DatabaseMigrator(database, NullLogger.Instance).MigrateAsync())));
        Assert.Equal(DatabaseMigrator.Scripts.Count, await ScalarAsync<long>(database, "SELECT count(*) FROM platform_migrations"));
    }

    private static async Task<string> SchemaFingerprintAsync(string database) => await ScalarAsync<string>(database, """
        SELECT string_agg(table_name || '.' || column_name || ':' || data_type, ',' ORDER BY table_name, column_name)
        FROM information_schema.columns WHERE table_schema = 'public'
        """) + await ScalarAsync<string>(database, "SELECT string_agg(querykey || md5(querytext), ',' ORDER BY querykey) FROM orleansquery");

    private static async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
