using Orleans.Dashboard;
using Platform.ServiceDefaults.Clustering;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Silo.Hosting;

public static class SiloHosting
{
    /// <summary>The silo: Orleans on PostgreSQL (membership, grain state, reminders) and its dashboard.</summary>
    public static WebApplicationBuilder AddSilo(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks();
        builder.UseOrleans(silo => silo
            .UsePostgresCluster()
            .UsePostgresStorage()
            .AddPlatformTracing(builder.Configuration)
            .AddDashboard());
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
        app.MapOrleansDashboard("/dashboard");
        app.MapHealthChecks("/health/live");
        return app;
    }
}
