using Microsoft.Extensions.Options;
using Platform.Grains.Mail;
using Platform.ServiceDefaults.Configuration;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Silo.Mail;

public static class MailRegistration
{
    /// <summary>The grains' <see cref="IMailer"/>: an in-memory outbox delivering over SMTP (<c>Smtp:*</c>) with retries.</summary>
    public static WebApplicationBuilder AddMail(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSettings<SmtpOptions>(SmtpOptions.Section);
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        services.AddSingleton<SmtpMailer>();
        services.AddSingleton<MailMetrics>();
        services.AddPlatformMeter(MailMetrics.MeterName);
        services.AddSingleton(sp =>
        {
            var outbox = ActivatorUtilities.CreateInstance<MailOutbox>(sp);
            sp.GetRequiredService<MailMetrics>().ObserveOutbox(() => outbox.Depth);
            return outbox;
        });
        services.AddSingleton<IMailer>(sp => sp.GetRequiredService<MailOutbox>());
        services.AddHostedService(sp => sp.GetRequiredService<MailOutbox>());
        return builder;
    }
}
