using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Storage;
using Orleans.TestingHost;
using Platform.ServiceDefaults.Clustering;
using Platform.Silo.Database;

namespace Platform.Integration.Tests;

public interface IProbeGrain : IGrainWithStringKey
{
    Task<int> Increment();
    Task<int> Count();
    Task StartReminder();
    Task<int> ReminderTicks();
}

[GenerateSerializer]
public sealed class ProbeState
{
    [Id(0)] public int Count { get; set; }
    [Id(1)] public int ReminderTicks { get; set; }
}

public sealed class ProbeGrain([PersistentState("probe")] IPersistentState<ProbeState> state) : Grain, IProbeGrain, IRemindable
{
    public async Task<int> Increment()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<int> Count() => Task.FromResult(state.State.Count);

    public Task StartReminder() => this.RegisterOrUpdateReminder("tick", TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(1));

    public Task<int> ReminderTicks() => Task.FromResult(state.State.ReminderTicks);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.ReminderTicks++;
        await state.WriteStateAsync();
    }
}

/// <summary>The Orleans ADO.NET providers on the project's own migration, against real PostgreSQL.</summary>
public sealed class PostgresProviderTests
{
    private static string _connectionString = "";

    private sealed class OnPostgres : ISiloConfigurator, IClientBuilderConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.UseAdoNetClustering(o => { o.Invariant = PostgresCluster.AdoNetInvariant; o.ConnectionString = _connectionString; });
            silo.AddAdoNetGrainStorageAsDefault(o => { o.Invariant = PostgresCluster.AdoNetInvariant; o.ConnectionString = _connectionString; });
            silo.UseAdoNetReminderService(o => { o.Invariant = PostgresCluster.AdoNetInvariant; o.ConnectionString = _connectionString; });
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        }

        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder client) =>
            client.UseAdoNetClustering(o => { o.Invariant = PostgresCluster.AdoNetInvariant; o.ConnectionString = _connectionString; });
    }

    private static async Task<TestCluster> StartClusterAsync(string connectionString, string serviceId, short silos = 2)
    {
        _connectionString = connectionString;
        var builder = new TestClusterBuilder(silos);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ServiceId = serviceId;
        builder.Options.ClusterId = $"cluster-{Guid.NewGuid():N}";
        builder.AddSiloBuilderConfigurator<OnPostgres>();
        builder.AddClientBuilderConfigurator<OnPostgres>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static async Task<string> MigratedDatabaseAsync(string purpose)
    {
        var database = await TestServices.CreateDatabaseAsync(purpose);
        await new DatabaseMigrator(database, NullLogger.Instance).MigrateAsync();
        return database;
    }

    [Fact]
    public async Task Two_silos_join_one_cluster_through_the_membership_table()
    {
        var database = await MigratedDatabaseAsync("members");
        await using var cluster = await StartClusterAsync(database, "members");

        var hosts = await cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        Assert.Equal(2, hosts.Count);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @c AND status = 3", connection);
        command.Parameters.AddWithValue("c", cluster.Options.ClusterId);
        Assert.Equal(2L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Grain_state_survives_a_restart_of_the_whole_cluster()
    {
        var database = await MigratedDatabaseAsync("restart");
        await using (var first = await StartClusterAsync(database, "restart"))
        {
            var probe = first.Client.GetGrain<IProbeGrain>("survivor");
            await probe.Increment();
            Assert.Equal(2, await probe.Increment());
            await first.StopAllSilosAsync();
        }
        await using var second = await StartClusterAsync(database, "restart");
        Assert.Equal(2, await second.Client.GetGrain<IProbeGrain>("survivor").Count());
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused()
    {
        var database = await MigratedDatabaseAsync("etag");
        await using var cluster = await StartClusterAsync(database, "etag", silos: 1);
        var storage = ((InProcessSiloHandle)cluster.Silos[0]).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>("Default");
        var grainId = GrainId.Create("probe", "contested");

        var mine = new GrainState<ProbeState>(new ProbeState { Count = 1 });
        await storage.WriteStateAsync("probe", grainId, mine);
        var theirs = new GrainState<ProbeState>(new ProbeState());
        await storage.ReadStateAsync("probe", grainId, theirs);
        Assert.Equal(1, theirs.State!.Count);

        mine.State!.Count = 2;
        await storage.WriteStateAsync("probe", grainId, mine);
        theirs.State!.Count = 99;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("probe", grainId, theirs));

        var fresh = new GrainState<ProbeState>(new ProbeState());
        await storage.ReadStateAsync("probe", grainId, fresh);
        Assert.Equal(2, fresh.State!.Count);
        // A second "first write" of the same grain is a conflict too, never a duplicate row.
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("probe", grainId, new GrainState<ProbeState>(new ProbeState())));
    }

    [Fact]
    public async Task A_reminder_stored_in_postgres_fires()
    {
        var database = await MigratedDatabaseAsync("reminder");
        await using var cluster = await StartClusterAsync(database, "reminder");
        var probe = cluster.Client.GetGrain<IProbeGrain>("reminded");
        await probe.StartReminder();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await probe.ReminderTicks() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The reminder did not fire within 30 s.");
            await Task.Delay(100);
        }
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleansreminderstable WHERE remindername = 'tick'", connection);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }
}
