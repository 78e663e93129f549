using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Streams;
using Platform.Grains.Interfaces.Transcoding;
using Platform.Integration.Tests.Infrastructure;
using Platform.ServiceDefaults.Clustering;
using Platform.ServiceDefaults.Streaming;

namespace Platform.Integration.Tests.Transcoding;

/// <summary>
/// The pipeline as deployed, for its faults: two silos and one API node as processes, a RabbitMQ
/// node of its own (so it can be restarted), the shared PostgreSQL (own database) and S3 server
/// (own bucket), the real FFmpeg. Leases are short so that a killed silo's job moves on quickly.
/// </summary>
public sealed class PipelineStack : IAsyncLifetime
{
    public const string Bucket = "pipeline";
    private readonly List<PlatformProcess> _silos = [];
    private Dictionary<string, string> _siloEnvironment = [];
    private PlatformProcess? _api;
    private IHost? _client;
    private string _serviceId = "";

    public RabbitMqNode Broker { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";
    public Uri Api { get; } = new($"http://127.0.0.1:{FreePort.Next()}");
    public IReadOnlyList<PlatformProcess> Silos => _silos;

    public async Task InitializeAsync()
    {
        Broker = await RabbitMqNode.StartAsync("pipeline");
        ConnectionString = await TestServices.CreateDatabaseAsync("pipeline");
        _serviceId = $"pipeline-{Guid.NewGuid():N}";
        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = ConnectionString,
            ["ConnectionStrings__RabbitMq"] = Broker.Uri.ToString(),
            ["Orleans__ClusterId"] = _serviceId,
            ["Orleans__ServiceId"] = _serviceId,
            ["Platform__PublicBaseUrl"] = Api.ToString(),
            ["S3__Endpoint"] = TestServices.S3,
            ["S3__AccessKey"] = TestServices.S3AccessKey,
            ["S3__SecretKey"] = TestServices.S3SecretKey,
            ["S3__Bucket"] = Bucket,
        };
        var (smtpHost, smtpPort) = (TestServices.Smtp.Split(':')[0], TestServices.Smtp.Split(':')[1]);
        _siloEnvironment = new Dictionary<string, string>(common)
        {
            ["Orleans__AdvertisedIP"] = "127.0.0.1",
            ["Auth__Rules__CodeHashKey"] = TestServices.CodeHashKey,
            ["Smtp__Host"] = smtpHost,
            ["Smtp__Port"] = smtpPort,
            ["Smtp__UseTls"] = "false",
            ["Transcoding__Lease"] = "00:00:05",
            ["Transcoding__RenewEvery"] = "00:00:01",
            ["Transcoding__PollInterval"] = "00:00:00.250",
            ["Videos__Rules__RetryBackoff"] = "00:00:00",
        };
        // The first silo migrates the database; the second joins it.
        await StartSiloAsync();
        await StartSiloAsync();
        var api = new Dictionary<string, string>(common)
        {
            ["ConnectionStrings__Postgres"] = TestServices.AsApiRole(ConnectionString),
            ["Videos__Urls__SigningKey"] = TestServices.CodeHashKey,
        };
        foreach (var (key, value) in TestServices.LiftedRateLimits("__")) api[key] = value;
        _api = PlatformProcess.Start("pipeline-api", "Api", Api, api);
        await _api.WaitUntilHealthyAsync("/health/ready", TimeSpan.FromSeconds(90));
    }

    public async Task<PlatformProcess> StartSiloAsync()
    {
        var environment = new Dictionary<string, string>(_siloEnvironment)
        {
            ["Orleans__SiloPort"] = FreePort.Next().ToString(),
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(),
        };
        var silo = PlatformProcess.Start($"pipeline-silo-{_silos.Count + 1}", "Silo", new Uri($"http://127.0.0.1:{FreePort.Next()}"), environment);
        _silos.Add(silo);
        await silo.WaitUntilHealthyAsync("/health/live", TimeSpan.FromSeconds(60));
        return silo;
    }

    /// <summary>Which silo process holds the video's job now (by the worker name it wrote on the job board), if any.</summary>
    public async Task<PlatformProcess?> SiloRunningAsync(Guid videoId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT worker FROM transcode_jobs WHERE video_id = @v AND NOT finished", connection);
        command.Parameters.AddWithValue("v", videoId);
        if (await command.ExecuteScalarAsync() is not string worker) return null;
        var pid = int.Parse(worker.Split('/')[1]);
        return _silos.FirstOrDefault(s => s.Pid == pid);
    }

    /// <summary>The job as the job board recorded it.</summary>
    public async Task<TranscodeJob> RecordedJobAsync(Guid videoId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT attempt, source_key, size_bytes, not_before FROM transcode_jobs WHERE video_id = @v", connection);
        command.Parameters.AddWithValue("v", videoId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) throw new InvalidOperationException($"no job recorded for {videoId}");
        return new TranscodeJob(videoId, reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3));
    }

    /// <summary>Publishes a job on the job stream from a client of this cluster, as a redelivery would bring it again.</summary>
    public async Task PublishAsync(TranscodeJob job)
    {
        if (_client is null)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Postgres"] = ConnectionString,
                ["Orleans:ClusterId"] = _serviceId,
                ["Orleans:ServiceId"] = _serviceId,
            });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.UseOrleansClient(client => client.UsePostgresCluster()
                .AddRabbitMqStreams(TranscodeStreams.Provider, o => o.Uri = Broker.Uri, s => s.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly)));
            _client = builder.Build();
            await _client.StartAsync();
        }
        var cluster = _client.Services.GetRequiredService<IClusterClient>();
        await cluster.GetStreamProvider(TranscodeStreams.Provider).GetStream<TranscodeJob>(StreamId.Create(TranscodeStreams.Jobs, job.VideoId)).OnNextAsync(job);
    }

    public string SiloLogs => string.Join('\n', _silos.Select(s => s.Output));

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            try { await _client.StopAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { }
            _client.Dispose();
        }
        if (_api is not null) await _api.DisposeAsync();
        foreach (var silo in _silos) await silo.DisposeAsync();
        await Broker.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<PipelineStack>
{
    public const string Name = "pipeline stack";
}
