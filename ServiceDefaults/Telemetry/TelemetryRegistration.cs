using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
        "orleans-messaging-sent-messages-size", "orleans-messaging-sent-header-size", "orleans-messaging-sent-local",
        "orleans-messaging-received-messages-size", "orleans-messaging-received-header-size",
        "orleans-app-requests-latency", "orleans-gateway-received", "orleans-gateway-sent",
    ];

    /// <summary>Families of per-message instruments (dispatcher and queue counts, directory lookups on each call).</summary>
    private static readonly string[] PerMessageOrleansPrefixes = ["orleans-messaging-processing-", "orleans-directory-lookups-"];

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
                instrument.Meter.Name == OrleansMeter && IsPerMessage(instrument.Name) ? MetricStreamConfiguration.Drop : null);
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

    public static bool IsPerMessage(string orleansInstrument) =>
        PerMessageOrleansInstruments.Contains(orleansInstrument)
        || PerMessageOrleansPrefixes.Any(p => orleansInstrument.StartsWith(p, StringComparison.Ordinal));

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
        if (managementPortOnly) WarnWhenNotListening(app, port!.Value);
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == MetricsPath && (!managementPortOnly || context.Connection.LocalPort == port));
    }

    /// <summary>A management port nobody listens on serves nothing: say so once the server has bound its addresses.</summary>
    private static void WarnWhenNotListening(IApplicationBuilder app, int port)
    {
        var services = app.ApplicationServices;
        services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() =>
        {
            var addresses = app.ServerFeatures.Get<IServerAddressesFeature>()?.Addresses ?? [];
            if (addresses.Count == 0 || addresses.Any(a => BindingPort(a) == port)) return;
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TelemetryRegistration)).LogWarning(
                "Telemetry:MetricsPort is {Port}, but the process listens only on {Addresses}: no metrics are served. Add http://<internal address>:{Port} to Urls.",
                port, string.Join(", ", addresses), port);
        });
    }

    private static int? BindingPort(string address)
    {
        var colon = address.LastIndexOf(':');
        var end = address.IndexOf('/', colon + 1);
        return colon > 0 && int.TryParse(end < 0 ? address[(colon + 1)..] : address[(colon + 1)..end], out var port) ? port : null;
    }
}
