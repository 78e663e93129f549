using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Platform.ServiceDefaults.Configuration;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry for every process: metrics from ASP.NET Core, HttpClient, the runtime, Npgsql,
/// Orleans and the platform's own meters (each feature adds its own with <see cref="AddPlatformMeter"/>),
/// scraped by Prometheus at <c>/metrics</c> and pushed over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; traces (ASP.NET Core, HttpClient, Npgsql, Orleans
/// calls) only then, since OTLP is where they go.
/// </summary>
public static class TelemetryRegistration
{
    /// <summary>The OpenTelemetry exporter's own variable: its presence switches OTLP export and tracing on.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string MetricsPath = "/metrics";

    private const string OrleansMeter = "Microsoft.Orleans";
    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>Orleans instruments recorded on every message or call (see <see cref="TelemetryOptions.PerMessageOrleansMetrics"/>).</summary>
    private static readonly string[] PerMessageOrleansInstruments =
    [
        "orleans-messaging-sent-", "orleans-messaging-received-", "orleans-messaging-processing-",
        "orleans-app-requests-latency", "orleans-gateway-received", "orleans-gateway-sent", "orleans-directory-lookups-",
    ];

    // The exporter's own convention, read where it is decided, like the exporter itself does.
    public static bool ExportsOtlp(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);

    public static IHostApplicationBuilder AddPlatformTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddSettings<TelemetryOptions>(TelemetryOptions.Section);
        var otlp = ExportsOtlp(builder.Configuration);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter("Npgsql", OrleansMeter)
                    .AddPrometheusExporter();
                if (otlp) metrics.AddOtlpExporter();
            });
        builder.Services.ConfigureOpenTelemetryMeterProvider((services, metrics) =>
        {
            if (services.GetRequiredService<IOptions<TelemetryOptions>>().Value.PerMessageOrleansMetrics) return;
            metrics.AddView(instrument =>
                instrument.Meter.Name == OrleansMeter && PerMessageOrleansInstruments.Any(p => instrument.Name.StartsWith(p, StringComparison.Ordinal))
                    ? MetricStreamConfiguration.Drop : null);
        });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(OrleansSources)
                .AddProcessor(new GrainKeyRedaction())
                .AddOtlpExporter());
        }
        return builder;
    }

    /// <summary>A feature's own meter, exported with the rest.</summary>
    public static IServiceCollection AddPlatformMeter(this IServiceCollection services, string meterName) =>
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(meterName));

    /// <summary>Orleans carries trace context across grain calls when traces are exported.</summary>
    public static ISiloBuilder AddPlatformTracing(this ISiloBuilder silo, IConfiguration configuration) =>
        ExportsOtlp(configuration) ? silo.AddActivityPropagation() : silo;

    /// <inheritdoc cref="AddPlatformTracing(ISiloBuilder, IConfiguration)"/>
    public static IClientBuilder AddPlatformTracing(this IClientBuilder client, IConfiguration configuration) =>
        ExportsOtlp(configuration) ? client.AddActivityPropagation() : client;

    /// <summary>
    /// The Prometheus scrape endpoint. A public process (<paramref name="managementPortOnly"/>)
    /// answers it only on <see cref="TelemetryOptions.MetricsPort"/>: who may read it is decided by
    /// which port was reached, never by addresses a proxy or client can claim.
    /// </summary>
    public static IApplicationBuilder UsePlatformMetrics(this IApplicationBuilder app, bool managementPortOnly)
    {
        var port = app.ApplicationServices.GetRequiredService<IOptions<TelemetryOptions>>().Value.MetricsPort;
        if (managementPortOnly && port is null) return app;
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == MetricsPath && (!managementPortOnly || context.Connection.LocalPort == port));
    }
}
