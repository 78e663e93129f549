using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using Platform.ServiceDefaults.Configuration;
using Platform.ServiceDefaults.Clustering;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Silo.Hosting;

public static class SiloHosting
{
    /// <summary>The silo: Orleans on PostgreSQL (membership, grain state, reminders) and its dashboard.</summary>
    public static WebApplicationBuilder AddSilo(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks();
        builder.Services.AddSettings<DashboardOptions>(DashboardOptions.Section);
        // Read here once more because it decides what is registered; the same class, the same section.
        var dashboard = builder.Configuration.GetSection(DashboardOptions.Section).Get<DashboardOptions>() ?? new DashboardOptions();
        builder.UseOrleans(silo =>
        {
            silo.UsePostgresCluster()
                .UsePostgresStorage()
                .AddPlatformTracing(builder.Configuration);
            if (dashboard.Enabled) silo.AddDashboard();
        });
        return builder;
    }

    /// <summary>Grain state and reminders in the platform's database.</summary>
    public static ISiloBuilder UsePostgresStorage(this ISiloBuilder silo) => silo
        .AddAdoNetGrainStorageAsDefault(o => o.UsePlatformDatabase((s, db) => (s.Invariant, s.ConnectionString) = (PostgresCluster.AdoNetInvariant, db)))
        .UseAdoNetReminderService(o => o.UsePlatformDatabase((r, db) => (r.Invariant, r.ConnectionString) = (PostgresCluster.AdoNetInvariant, db)));

    /// <summary>The silo's HTTP port is internal as a whole (never publish it): metrics, the dashboard, liveness.</summary>
    public static WebApplication MapSiloEndpoints(this WebApplication app)
    {
        app.UsePlatformMetrics(managementPortOnly: false);
        if (app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.Enabled)
        {
            // No sign-in of its own: whoever is not on this machine gets a 404.
            app.UseWhen(context => context.Request.Path.StartsWithSegments("/dashboard") && !TransportRules.IsLoopback(context.Connection.RemoteIpAddress),
                refused => refused.Run(context =>
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }));
            app.MapOrleansDashboard("/dashboard");
        }
        app.MapHealthChecks("/health/live");
        return app;
    }
}
