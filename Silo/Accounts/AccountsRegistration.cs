using Microsoft.Extensions.Options;
using Platform.Grains.Accounts;
using Platform.Grains.Interfaces.Accounts;
using Platform.ServiceDefaults.Configuration;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Silo.Accounts;

public static class AccountsRegistration
{
    /// <summary>The account grains' rules and services; links in mail lead to the public URL unless set otherwise.</summary>
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAccountGrains();
        builder.Services.AddPlatformMeter(AccountsTelemetry.MeterName);
        builder.Services.AddPlatformSettings();
        builder.Services.AddSingleton<IValidateOptions<AuthRules>, EmailLinkValidator>();
        builder.Services.AddOptions<AuthRules>().PostConfigure<IOptions<PlatformOptions>>((rules, platform) =>
            rules.EmailLinkBaseUrl ??= platform.Value.PublicBaseUrl);
        return builder;
    }
}
