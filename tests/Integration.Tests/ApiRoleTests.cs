using Npgsql;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Silo.Database;

namespace Platform.Integration.Tests;

/// <summary>The Api's own database role (platform_api) reads the gateway list, and nothing else.</summary>
public sealed class ApiRoleTests
{
    [Theory]
    [InlineData("SELECT count(*) FROM orleansquery")]
    [InlineData("SELECT count(*) FROM orleansmembershiptable")]
    [InlineData("SELECT count(*) FROM orleansmembershipversiontable")]
    public async Task The_api_role_reads_what_the_gateway_list_needs(string sql)
    {
        await using var connection = await ConnectAsApiAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        Assert.NotNull(await command.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("SELECT count(*) FROM orleansstorage")]
    [InlineData("SELECT count(*) FROM orleansreminderstable")]
    [InlineData("SELECT count(*) FROM platform_migrations")]
    [InlineData("DELETE FROM orleansmembershiptable")]
    [InlineData("UPDATE orleansquery SET querytext = ''")]
    [InlineData("CREATE TABLE intruder (id int)")]
    public async Task The_api_role_may_not_read_grain_state_nor_write(string sql)
    {
        await using var connection = await ConnectAsApiAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    private static async Task<NpgsqlConnection> ConnectAsApiAsync()
    {
        var database = await TestServices.CreateDatabaseAsync("apirole");
        await new DatabaseMigrator(database, NullLogger.Instance).MigrateAsync();
        var connection = new NpgsqlConnection(TestServices.AsApiRole(database));
        await connection.OpenAsync();
        return connection;
    }
}
