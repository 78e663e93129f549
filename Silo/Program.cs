using Platform.ServiceDefaults.Telemetry;
using Platform.Silo.Accounts;
using Platform.Silo.Database;
using Platform.Silo.Hosting;
using Platform.Silo.Mail;
using Platform.Silo.Recommendations;
using Platform.Silo.Transcoding;
using Platform.Silo.Videos;

// Settings files sit beside the binaries, wherever the process is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddPlatformTelemetry("platform-silo");
builder.AddSilo();
builder.AddMail();
builder.AddAccounts();
builder.AddVideos();
builder.AddTranscoding();
builder.AddRecommendations();

var app = builder.Build();
await app.MigrateDatabaseAsync();
app.MapSiloEndpoints();
app.Run();
