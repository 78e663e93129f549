using Orleans.Streams;
using Platform.Grains.Interfaces.Transcoding;
using Platform.Grains.Transcoding;
using Platform.ServiceDefaults.Configuration;
using Platform.ServiceDefaults.Streaming;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Silo.Transcoding;

public static class TranscodingRegistration
{
    /// <summary>
    /// The pipeline: the job stream on RabbitMQ (<c>ConnectionStrings:RabbitMq</c>), the job board its
    /// transcoder grains record to, this silo's worker (<c>Transcoding:*</c>) and the pipeline's meter.
    /// </summary>
    public static IHostApplicationBuilder AddTranscoding(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<TranscodingOptions>(TranscodingOptions.Section);
        builder.Services.AddOptions<ConnectionStringsOptions>()
            .Validate(c => c.RabbitMq is not null, "Set ConnectionStrings:RabbitMq (environment variable ConnectionStrings__RabbitMq), e.g. amqp://user:pass@rabbitmq:5672/: silos carry transcode jobs on it.");
        builder.Services.AddSingleton<PostgresJobBoard>();
        builder.Services.AddSingleton<ITranscodeJobBoard>(sp => sp.GetRequiredService<PostgresJobBoard>());
        builder.Services.AddHostedService<TranscodeWorker>();
        builder.Services.AddPlatformMeter(TranscodeMetrics.MeterName);
        var configuration = builder.Configuration;
        builder.UseOrleans(silo => silo.AddRabbitMqStreams(TranscodeStreams.Provider,
            stream => stream.Uri = configuration.GetSection(ConnectionStringsOptions.Section).Get<ConnectionStringsOptions>()?.RabbitMq,
            stream => stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly)));
        return builder;
    }
}
