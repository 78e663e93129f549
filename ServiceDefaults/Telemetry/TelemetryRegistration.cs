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
/// Orleans and the platform's own meters, scraped by Prometheus at <c>/metrics</c> and pushed
/// over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; traces (ASP.NET Core, HttpClient,
/// Npgsql, Orleans calls) only then, since OTLP is where they go.
/// </summary>
public static class TelemetryRegistration
{
    /// <summary>The OpenTelemetry exporter's own variable: its presence switches OTLP export and tracing on.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string MetricsPath = "/metrics";

    /// <summary>Orleans' meter and activity sources.</summary>
    private static readonly string[] OrleansMeters = ["Microsoft.Orleans"];
    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    public static bool ExportsOtlp(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);

    public static IHostApplicationBuilder AddPlatformTelemetry(this IHostApplicationBuilder builder, string serviceName, params string[] meters)
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
                    .AddMeter("Npgsql")
                    .AddMeter(OrleansMeters)
                    .AddMeter(meters)
                    .AddPrometheusExporter();
                if (otlp) metrics.AddOtlpExporter();
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(OrleansSources)
                .AddOtlpExporter());
        }
        return builder;
    }

    /// <summary>Orleans carries trace context across grain calls when traces are exported.</summary>
    public static ISiloBuilder AddPlatformTracing(this ISiloBuilder silo, IConfiguration configuration) =>
        ExportsOtlp(configuration) ? silo.AddActivityPropagation() : silo;

    /// <inheritdoc cref="AddPlatformTracing(ISiloBuilder, IConfiguration)"/>
    public static IClientBuilder AddPlatformTracing(this IClientBuilder client, IConfiguration configuration) =>
        ExportsOtlp(configuration) ? client.AddActivityPropagation() : client;

    /// <summary>
    /// The Prometheus scrape endpoint. On a public port (<paramref name="scrapersOnly"/>) it answers
    /// loopback and <c>Telemetry:ScrapeNetworks</c> only; others fall through to a 404.
    /// </summary>
    public static IApplicationBuilder UsePlatformMetrics(this IApplicationBuilder app, bool scrapersOnly)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == MetricsPath && (!scrapersOnly || options.MayScrape(context.Connection.RemoteIpAddress)));
    }
}
