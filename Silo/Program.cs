using Orleans.Dashboard;
using Platform.Grains.Interfaces.Hosting;
using Platform.Silo.Database;
using Platform.Silo.Hosting;

// Settings files sit beside the binaries, wherever the process is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddPlatformSilo();
var app = builder.Build();

// Membership, storage and reminders read their tables from the first moment: migrate first.
await new DatabaseMigrator(ClusterSettings.From(app.Configuration).PostgresConnectionString, app.Logger).MigrateAsync();

app.MapOrleansDashboard("/dashboard");
app.MapHealthChecks("/health/live");
app.Run();

/// <summary>Lets tests start the silo in-process.</summary>
public partial class Program;
