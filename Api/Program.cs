using Platform.Api.Endpoints;
using Platform.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformApi();

var app = builder.Build();
app.UsePlatformApi();
app.MapAuthApi();
app.MapVerifyEmailPage();
app.Run();

/// <summary>Lets tests reference the API's entry point.</summary>
public partial class Program;
