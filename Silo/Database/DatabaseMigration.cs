using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Configuration;

namespace Platform.Silo.Database;

public static class DatabaseMigration
{
    /// <summary>Membership, storage and reminders read their tables from the first moment: migrate before the silo starts.</summary>
    public static Task MigrateDatabaseAsync(this WebApplication app)
    {
        var connectionString = app.Services.GetRequiredService<IOptions<ConnectionStringsOptions>>().Value.Postgres!;
        return new DatabaseMigrator(connectionString, app.Logger).MigrateAsync(app.Lifetime.ApplicationStopping);
    }
}
