using Microsoft.Extensions.Options;
using Platform.Grains.Accounts;
using Platform.ServiceDefaults.Configuration;

namespace Platform.Silo.Accounts;

public static class AccountsRegistration
{
    /// <summary>The account grains' rules and services; links in mail lead to the public URL unless set otherwise.</summary>
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddAccountGrains();
        builder.Services.AddSettings<PlatformOptions>(PlatformOptions.Section);
        builder.Services.AddOptions<AuthRules>().PostConfigure<IOptions<PlatformOptions>>((rules, platform) =>
            rules.EmailLinkBaseUrl ??= platform.Value.PublicBaseUrl);
        return builder;
    }
}
