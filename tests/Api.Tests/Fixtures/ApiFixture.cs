extern alias silo;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Grains.Mail;
using Platform.ServiceDefaults.Clustering;
using silo::Platform.Silo.Accounts;
using silo::Platform.Silo.Database;
using silo::Platform.Silo.Hosting;
using silo::Platform.Silo.Recommendations;
using silo::Platform.Silo.Transcoding;
using silo::Platform.Silo.Videos;

namespace Platform.Api.Tests.Fixtures;

/// <summary>
/// The API in this process, served by Kestrel on a loopback port (so client addresses, cookies and
/// proxies behave as on the wire), and one silo in this process, both on a fresh PostgreSQL
/// database. Mail is caught in memory; the silo hashes passwords cheaply (a setting that only
/// Development accepts). Per-IP limits are lifted here; <see cref="StrictLimitsApiFixture"/> is the
/// same stack with strict ones. A social provider <see cref="Provider"/> points at the test OpenID provider.
/// </summary>
public class ApiFixture : IAsyncLifetime
{
    public const string AllowedOrigin = "https://app.example.test";

    /// <summary>The configured social provider (type <c>oidc</c>, the test OpenID provider).</summary>
    public const string Provider = "local";

    /// <summary>The test OpenID provider under another name for its host: its discovery names an issuer other than the configured authority.</summary>
    public const string MisnamedProvider = "misnamed";

    /// <summary>An authority that serves no discovery document (this API's own address).</summary>
    public const string BrokenProvider = "broken";

    private IHost? _silo;
    private WebApplicationFactory<Program>? _api;

    public CapturingMailer Mail { get; } = new();

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The stack's own database (the silo's role).</summary>
    public string Database { get; private set; } = "";

    /// <summary>The API's management port, where it serves /metrics.</summary>
    public Uri MetricsUrl { get; private set; } = null!;

    public ApiClient Client() => new(BaseUrl);

    /// <summary>A short name for this stack's database and bucket.</summary>
    protected virtual string Purpose => "api";

    /// <summary>The bucket of this fixture's videos.</summary>
    public string Bucket => $"{Purpose}-tests";

    /// <summary>The API's settings beyond the shared ones; a derived fixture changes or adds entries.</summary>
    protected virtual void ConfigureApi(IDictionary<string, string?> settings)
    {
    }

    /// <summary>The folder the Api serves as the web app: <c>index.html</c> and <c>assets/app-0123abcd.js</c>.</summary>
    public string WebRoot { get; } = Directory.CreateTempSubdirectory("web-root-").FullName;

    public const string WebIndex = "<!doctype html><title>Platform test app</title><div id=root></div>";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(WebRoot, "assets"));
        await File.WriteAllTextAsync(Path.Combine(WebRoot, "index.html"), WebIndex);
        await File.WriteAllTextAsync(Path.Combine(WebRoot, "assets", "app-0123abcd.js"), "console.log('app');");
        var database = Database = await TestServices.CreateDatabaseAsync(Purpose);
        await new DatabaseMigrator(database, NullLogger.Instance).MigrateAsync();
        var cluster = $"{Purpose}-{Guid.NewGuid():N}";
        var port = FreePort.Next();
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        var metricsPort = FreePort.Next();
        MetricsUrl = new Uri($"http://127.0.0.1:{metricsPort}");

        var common = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = database,
            ["ConnectionStrings:RabbitMq"] = TestServices.RabbitMq,
            ["Orleans:ClusterId"] = cluster,
            ["Orleans:ServiceId"] = cluster,
            ["Platform:PublicBaseUrl"] = BaseUrl.ToString(),
            ["Platform:AllowedOrigins:0"] = AllowedOrigin,
            ["S3:Endpoint"] = TestServices.S3,
            ["S3:AccessKey"] = TestServices.S3AccessKey,
            ["S3:SecretKey"] = TestServices.S3SecretKey,
            ["S3:Bucket"] = Bucket,
        };

        _silo = StartSilo(common);
        await _silo.StartAsync();

        var api = new Dictionary<string, string?>(common)
        {
            // The Api's own broker user, as in production: it may connect and nothing more.
            ["ConnectionStrings:RabbitMq"] = TestServices.RabbitMqApi,
            [WebHostDefaults.ServerUrlsKey] = $"{BaseUrl};{MetricsUrl}",
            ["Telemetry:MetricsPort"] = metricsPort.ToString(),
            ["Videos:Urls:SigningKey"] = TestServices.CodeHashKey,
            // A stand-in for the built web app (web/dist): its index page and one hashed asset.
            ["Web:Root"] = WebRoot,
            // The smallest parts S3 takes, so a test file of a few MiB has several.
            ["Videos:Multipart:PartBytes"] = (5 * 1024 * 1024).ToString(),
            // Trending is read afresh on every request: the tests change it and look at once.
            ["Recommendations:TrendingRefresh"] = "00:00:00",
            // Tests stand in for a load balancer on loopback, telling the client address in X-Forwarded-For.
            ["Api:TrustedProxies:0"] = "127.0.0.1",
            [$"Auth:Providers:{Provider}:Type"] = "oidc",
            [$"Auth:Providers:{Provider}:Authority"] = TestServices.OidcAuthority.ToString(),
            [$"Auth:Providers:{Provider}:ClientId"] = TestServices.OidcClientId,
            [$"Auth:Providers:{Provider}:ClientSecret"] = TestServices.OidcClientSecret,
            [$"Auth:Providers:{MisnamedProvider}:Type"] = "oidc",
            [$"Auth:Providers:{MisnamedProvider}:Authority"] = new UriBuilder(TestServices.OidcAuthority) { Host = "localhost" }.Uri.ToString(),
            [$"Auth:Providers:{MisnamedProvider}:ClientId"] = TestServices.OidcClientId,
            [$"Auth:Providers:{MisnamedProvider}:ClientSecret"] = TestServices.OidcClientSecret,
            [$"Auth:Providers:{BrokenProvider}:Type"] = "oidc",
            [$"Auth:Providers:{BrokenProvider}:Authority"] = BaseUrl.ToString(),
            [$"Auth:Providers:{BrokenProvider}:ClientId"] = "client",
            [$"Auth:Providers:{BrokenProvider}:ClientSecret"] = "secret",
        };
        foreach (var (key, value) in TestServices.LiftedRateLimits(":")) api[key] = value;
        ConfigureApi(api);

        _api = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            // Not Development: the API runs as in production (no developer pages, no development settings file).
            web.UseEnvironment("Testing");
            foreach (var (key, value) in api) web.UseSetting(key, value);
            web.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        });
        _api.UseKestrel();
        _api.StartServer();
        using var client = Client();
        await Eventually.Async(async () => (await client.GetAsync("/health/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(60), "the API never became ready");
    }

    private IHost StartSilo(Dictionary<string, string?> common)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(common);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
            ["Orleans:AdvertisedIP"] = "127.0.0.1",
            ["Auth:Rules:PasswordHashIterations"] = "1000",
            // The 60 s rule is tested with a controlled clock in the grain tests; here it would only slow the run.
            ["Auth:Rules:CodeSendInterval"] = "00:00:00.001",
            // Failed attempts are retried at once: the retry rules have their grain tests.
            ["Videos:Rules:RetryBackoff"] = "00:00:00",
            ["Transcoding:PollInterval"] = "00:00:00.200",
            ["Transcoding:ProgressInterval"] = "00:00:00.500",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.UsePostgresCluster().UsePostgresStorage());
        // The silo's own account registration (rules, link base URL, meter); mail is caught here.
        builder.AddAccounts();
        builder.AddVideos();
        builder.AddTranscoding();
        builder.AddRecommendations();
        builder.Services.AddSingleton<IMailer>(Mail);
        return builder.Build();
    }

    public async Task DisposeAsync()
    {
        if (_api is not null) await _api.DisposeAsync();
        Directory.Delete(WebRoot, recursive: true);
        if (_silo is not null)
        {
            await _silo.StopAsync();
            _silo.Dispose();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "in-process api";
}
