using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Platform.Grains.Accounts;

public static class AccountGrainsRegistration
{
    /// <summary>What the account grains need from the host, besides an <see cref="Mail.IMailer"/>: rules from <c>Auth:Rules</c>, the hashing pool from <c>Auth:PasswordHashing</c>, mail wording.</summary>
    public static IServiceCollection AddAccountGrains(this IServiceCollection services)
    {
        services.AddOptions<AuthRules>().BindConfiguration(AuthRules.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthRules>, AuthRulesValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new PasswordHasher(sp.GetRequiredService<IOptions<AuthRules>>().Value.PasswordHashIterations));
        services.AddOptions<PasswordHashingOptions>().BindConfiguration(PasswordHashingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<PasswordHashing>();
        services.TryAddSingleton<PinnedAddresses>();
        services.TryAddSingleton<AccountEmails>();
        services.TryAddSingleton(sp => SecretHasher.From(sp.GetRequiredService<IOptions<AuthRules>>().Value));
        return services;
    }
}
