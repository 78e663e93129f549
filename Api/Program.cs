using Platform.Api.Endpoints;
using Platform.Api.Hosting;

// Settings files sit beside the binaries, wherever the process is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddPlatformApi();

var app = builder.Build();
app.UsePlatformApi();
app.MapAuthApi();
app.MapVerifyEmailPage();
app.Run();

/// <summary>Lets tests reference the API's entry point.</summary>
public partial class Program;
