using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Platform.ServiceDefaults.Configuration;

public static class PlatformDatabase
{
    /// <summary>One pooled <see cref="NpgsqlDataSource"/> on <c>ConnectionStrings:Postgres</c>, for the platform's own tables.</summary>
    public static IServiceCollection AddPlatformDatabase(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => NpgsqlDataSource.Create(sp.GetRequiredService<IOptions<ConnectionStringsOptions>>().Value.Postgres!));
        return services;
    }
}
