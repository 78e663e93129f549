using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Platform.Api.Infrastructure.Cluster;
using Platform.Api.Infrastructure.Errors;
using Platform.Api.Infrastructure.Health;
using Platform.Api.Infrastructure.Logging;
using Platform.Api.Infrastructure.RateLimiting;
using Platform.ServiceDefaults.Configuration;
using Platform.ServiceDefaults.Telemetry;
using Scalar.AspNetCore;

namespace Platform.Api.Infrastructure;

/// <summary>What every API feature stands on: the Orleans client, problems, limits, proxies, request log, OpenAPI, health.</summary>
public static class ApiInfrastructure
{
    public static WebApplicationBuilder AddApiInfrastructure(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddPlatformSettings();
        services.AddSettings<ApiOptions>(ApiOptions.Section);
        services.AddSettings<RequestLoggingOptions>(RequestLoggingOptions.Section);
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>((kestrel, api) =>
            kestrel.Limits.MaxRequestBodySize = api.Value.MaxRequestBodyBytes);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ApiOptions>>((forwarded, api) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in api.Value.TrustedProxyAddresses) forwarded.KnownProxies.Add(proxy);
        });

        // Web apps on the configured origins call the API from the browser, with their cookie.
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<PlatformOptions>>((cors, platform) =>
            cors.AddDefaultPolicy(policy => policy
                .WithOrigins([.. platform.Value.AllowedOrigins.Select(o => new Uri(o).GetLeftPart(UriPartial.Authority))])
                .AllowCredentials()
                .WithMethods("GET", "POST", "PATCH", "PUT", "DELETE")
                .WithHeaders("Content-Type", "Authorization")
                .WithExposedHeaders("Retry-After", "Location")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));

        builder.AddOrleansClient();
        services.AddApiErrors();
        services.AddPerIpRateLimits();
        services.AddAuthorization();
        services.AddOpenApi();
        services.AddReadinessChecks();
        return builder;
    }

    public static WebApplication UseApiInfrastructure(this WebApplication app)
    {
        // Behind a load balancer the client's address (for per-IP limits) comes from X-Forwarded-For,
        // believed only when the connection comes from a configured proxy.
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value.KnownProxies.Count > 0)
            app.UseForwardedHeaders();
        app.UsePlatformMetrics(managementPortOnly: true);
        app.UseMiddleware<RequestLogging>();
        app.UseApiErrors();
        app.UseCors();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        // Features add their own guards after this (the accounts' cross-site request guard): they
        // run after authentication, limits and authorization, before any endpoint.
        return app;
    }

    public static WebApplication MapApiInfrastructure(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference("/scalar");
        app.MapHealthEndpoints();
        return app;
    }
}
