using Platform.Api.Accounts;
using Platform.Api.Feeds;
using Platform.Api.Infrastructure;
using Platform.Api.Recommendations;
using Platform.Api.Storage;
using Platform.Api.Videos;
using Platform.Api.Web;
using Platform.ServiceDefaults.Telemetry;

// Settings files sit beside the binaries, wherever the process is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddPlatformTelemetry("platform-api");
builder.AddApiInfrastructure();
builder.AddObjectStorage();
builder.AddAccounts();
builder.AddVideos();
builder.AddRecommendations();
builder.AddWebApp();

var app = builder.Build();
app.UseWebApp();
app.UseApiInfrastructure();
app.UseAccounts();
app.MapApiInfrastructure();
app.MapAccounts();
app.MapObjectStorage();
app.MapVideos();
app.MapFeeds();
app.MapRecommendations();
app.Run();

/// <summary>The entry point, for the in-process API tests.</summary>
public partial class Program;
