using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.TestingHost;
using Platform.Grains.Accounts;
using Platform.Grains.Interfaces.Transcoding;
using Platform.Grains.Transcoding;
using Platform.Grains.Mail;
using Platform.Grains.Videos;

namespace Platform.Grains.Tests.Cluster;

/// <summary>
/// One two-silo cluster for every grain test. Its silos run in this process, so the clock and
/// the mailbox are plain static objects that both silos and the tests share.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>The clock every grain reads; tests move it forward instead of waiting.</summary>
    public static FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static CapturingMailer Mailbox { get; } = new();

    /// <summary>The video grains' read model, objects and job board, shared by both silos.</summary>
    public static InMemoryVideoCatalog Catalog { get; } = new();
    public static InMemoryVideoObjects Objects { get; } = new();
    public static InMemoryJobBoard JobBoard { get; } = new();

    /// <summary>How often the video watchdog looks (real time; its rules read the fake clock).</summary>
    public static readonly TimeSpan WatchdogPeriod = TimeSpan.FromSeconds(1);

    /// <summary>Short, so that the clean-up of an upload never completed can be seen (the reminder is due after this much real time).</summary>
    public static readonly TimeSpan UploadExpiry = TimeSpan.FromSeconds(3);

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 2);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Whether a grain's record exists in the default storage the silos share.</summary>
    public async Task<bool> StoredAsync<TState>(string stateName, GrainId grainId) where TState : new()
    {
        var storage = ((InProcessSiloHandle)Cluster.Silos[0]).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>("Default");
        var state = new GrainState<TState>(new TState());
        await storage.ReadStateAsync(stateName, grainId, state);
        return state.RecordExists;
    }

    /// <summary>Whether the reminder <paramref name="name"/> of a grain is registered.</summary>
    public async Task<bool> HasReminderAsync(GrainId grainId, string name)
    {
        var reminders = ((InProcessSiloHandle)Cluster.Silos[0]).SiloHost.Services.GetRequiredService<IReminderTable>();
        return await reminders.ReadRow(grainId, name) is not null;
    }

    /// <summary>The version tag of a grain's stored record: it changes with every write.</summary>
    public async Task<string?> ETagAsync<TState>(string stateName, GrainId grainId) where TState : new()
    {
        var storage = ((InProcessSiloHandle)Cluster.Silos[0]).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>("Default");
        var state = new GrainState<TState>(new TState());
        await storage.ReadStateAsync(stateName, grainId, state);
        return state.ETag;
    }

    public async Task DisposeAsync()
    {
        if (Cluster is null) return;
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.AddMemoryGrainStorageAsDefault();
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton<TimeProvider>(Clock);
            // The grains see the fake clock; Orleans' own loops (membership probes, call
            // timeouts, activation collection) keep real time, or advancing a month would
            // declare silos dead and time out calls in flight.
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            silo.Services.AddSingleton<IMailer>(Mailbox);
            silo.Services.AddAccountGrains();
            silo.Services.AddVideoGrains();
            silo.Services.AddSingleton<IVideoCatalog>(Catalog);
            silo.Services.AddSingleton<IVideoObjects>(Objects);
            silo.Services.AddSingleton<ITranscodeJobBoard>(JobBoard);
            silo.Services.Configure<VideoRules>(rules => (rules.WatchdogPeriod, rules.UploadExpiry, rules.DeletedSweepAfter) = (WatchdogPeriod, UploadExpiry, UploadExpiry));
            silo.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = WatchdogPeriod);
            // The job stream in memory; the transcoder grains subscribe implicitly as on real silos.
            silo.AddMemoryStreams(TranscodeStreams.Provider);
            silo.AddMemoryGrainStorage("PubSubStore");
            silo.Services.Configure<AuthRules>(rules =>
            {
                rules.EmailLinkBaseUrl = new Uri("https://platform.test");
                // The cost is a setting: the rules under test do not depend on it, the run time does.
                rules.PasswordHashIterations = 1_000;
            });
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    // Every test that touches the cluster belongs here: the shared clock only moves forward
    // safely while tests run one after another.
    public const string Name = "Cluster";
}
