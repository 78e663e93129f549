using Orleans.Dashboard;
using System.Net;
using Orleans.Configuration;
using Platform.Grains;
using Platform.Grains.Interfaces.Hosting;
using Platform.Grains.Mail;
using Platform.Silo.Mail;

namespace Platform.Silo.Hosting;

public static class SiloSetup
{
    /// <summary>The silo: PostgreSQL clustering, storage and reminders, the grains' services and the dashboard.</summary>
    public static WebApplicationBuilder AddPlatformSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var cluster = ClusterSettings.From(configuration);

        builder.Services.AddPlatformGrains(configuration);
        builder.Services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SmtpMailer>();
        builder.Services.AddSingleton<MailOutbox>();
        builder.Services.AddSingleton<IMailer>(sp => sp.GetRequiredService<MailOutbox>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MailOutbox>());
        builder.Services.AddHealthChecks();

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = ClusterSettings.AdoNetInvariant;
                o.ConnectionString = cluster.PostgresConnectionString;
            });
            silo.AddAdoNetGrainStorageAsDefault(o =>
            {
                o.Invariant = ClusterSettings.AdoNetInvariant;
                o.ConnectionString = cluster.PostgresConnectionString;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = ClusterSettings.AdoNetInvariant;
                o.ConnectionString = cluster.PostgresConnectionString;
            });

            var siloPort = configuration.GetValue("Orleans:SiloPort", 11111);
            var gatewayPort = configuration.GetValue("Orleans:GatewayPort", 30000);
            // Silo and gateway ports have no authentication: a loopback silo listens on loopback only.
            if (IPAddress.TryParse(configuration["Orleans:AdvertisedIP"], out var advertised))
                silo.ConfigureEndpoints(advertised, siloPort, gatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
            else
                silo.ConfigureEndpoints(siloPort, gatewayPort, listenOnAnyHostAddress: true);

            silo.AddDashboard();
        });
        return builder;
    }
}
