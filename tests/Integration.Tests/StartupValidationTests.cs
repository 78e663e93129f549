using Platform.Integration.Tests.Infrastructure;

namespace Platform.Integration.Tests;

/// <summary>A missing or bad setting stops the process at start with a message that names it.</summary>
public sealed class StartupValidationTests
{
    private static Dictionary<string, string> ApiSettings() => new()
    {
        ["ConnectionStrings__Postgres"] = TestServices.Postgres,
        ["ConnectionStrings__RabbitMq"] = TestServices.RabbitMq,
        ["Platform__PublicBaseUrl"] = "http://127.0.0.1:5999",
        ["S3__Endpoint"] = TestServices.S3,
        ["S3__AccessKey"] = TestServices.S3AccessKey,
        ["S3__SecretKey"] = TestServices.S3SecretKey,
        ["Videos__Urls__SigningKey"] = TestServices.CodeHashKey,
        ["Orleans__ClusterId"] = $"startup-{Guid.NewGuid():N}",
    };

    [Theory]
    [InlineData("ConnectionStrings__Postgres", "ConnectionStrings:Postgres")]
    [InlineData("ConnectionStrings__RabbitMq", "ConnectionStrings:RabbitMq")]
    [InlineData("Platform__PublicBaseUrl", "Platform:PublicBaseUrl")]
    [InlineData("S3__Endpoint", "S3:Endpoint")]
    public async Task The_api_refuses_to_start_without_a_required_setting(string missing, string named)
    {
        var settings = ApiSettings();
        settings.Remove(missing);
        var output = await RunUntilExitAsync("Api", settings);
        Assert.Contains(named, output);
    }

    [Fact]
    public async Task The_api_names_a_social_provider_with_an_unknown_type()
    {
        var settings = ApiSettings();
        settings["Auth__Providers__corp__Type"] = "saml";
        settings["Auth__Providers__corp__ClientId"] = "x";
        settings["Auth__Providers__corp__ClientSecret"] = "y";
        var output = await RunUntilExitAsync("Api", settings);
        Assert.Contains("Auth:Providers:corp:Type", output);
    }

    [Fact]
    public async Task The_silo_refuses_to_start_without_an_smtp_server()
    {
        var database = await TestServices.CreateDatabaseAsync("startup");
        var output = await RunUntilExitAsync("Silo", new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database,
            ["ConnectionStrings__RabbitMq"] = TestServices.RabbitMq,
            ["S3__Endpoint"] = TestServices.S3,
            ["S3__AccessKey"] = TestServices.S3AccessKey,
            ["S3__SecretKey"] = TestServices.S3SecretKey,
            ["Platform__PublicBaseUrl"] = "http://127.0.0.1:5999",
            ["Orleans__SiloPort"] = FreePort.Next().ToString(),
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(),
        });
        Assert.Contains("Smtp:Host", output);
    }

    /// <summary>A silo that would start, outside Development: each test takes away the one thing it is about.</summary>
    private static async Task<Dictionary<string, string>> SiloSettingsAsync(string purpose)
    {
        var (smtpHost, smtpPort) = (TestServices.Smtp.Split(':')[0], TestServices.Smtp.Split(':')[1]);
        return new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = await TestServices.CreateDatabaseAsync(purpose),
            ["ConnectionStrings__RabbitMq"] = TestServices.RabbitMq,
            ["S3__Endpoint"] = TestServices.S3,
            ["S3__AccessKey"] = TestServices.S3AccessKey,
            ["S3__SecretKey"] = TestServices.S3SecretKey,
            ["Platform__PublicBaseUrl"] = "http://127.0.0.1:5999",
            ["Orleans__AdvertisedIP"] = "127.0.0.1",
            ["Orleans__SiloPort"] = FreePort.Next().ToString(),
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(),
            ["Smtp__Host"] = smtpHost,
            ["Smtp__Port"] = smtpPort,
            ["Auth__Rules__CodeHashKey"] = TestServices.CodeHashKey,
        };
    }

    [Fact]
    public async Task The_silo_refuses_to_start_outside_development_without_a_code_hash_key()
    {
        var settings = await SiloSettingsAsync("nokey");
        settings.Remove("Auth__Rules__CodeHashKey");
        Assert.Contains("Auth:Rules:CodeHashKey", await RunUntilExitAsync("Silo", settings));
    }

    [Fact]
    public async Task The_silo_refuses_to_start_without_the_broker_that_carries_transcode_jobs()
    {
        var settings = await SiloSettingsAsync("nobroker");
        settings.Remove("ConnectionStrings__RabbitMq");
        Assert.Contains("ConnectionStrings:RabbitMq", await RunUntilExitAsync("Silo", settings));
    }

    [Fact]
    public async Task The_api_refuses_to_start_without_a_key_for_playback_urls()
    {
        var settings = ApiSettings();
        settings.Remove("Videos__Urls__SigningKey");
        Assert.Contains("Videos:Urls:SigningKey", await RunUntilExitAsync("Api", settings));
    }

    [Fact]
    public async Task The_silo_refuses_to_start_outside_development_reachable_from_other_machines_without_tls()
    {
        var settings = await SiloSettingsAsync("notls");
        settings.Remove("Orleans__AdvertisedIP"); // the host's address
        Assert.Contains("Orleans:Tls:Enabled", await RunUntilExitAsync("Silo", settings));
    }

    [Fact]
    public async Task A_silo_serves_no_dashboard_unless_it_is_enabled()
    {
        await using var silo = PlatformProcess.Start("silo-without-dashboard", "Silo", new Uri($"http://127.0.0.1:{FreePort.Next()}"), await SiloSettingsAsync("nodash"));
        await silo.WaitUntilHealthyAsync("/health/live", TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = silo.BaseUrl };
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("/dashboard")).StatusCode);
    }

    private static async Task<string> RunUntilExitAsync(string project, Dictionary<string, string> settings)
    {
        await using var process = PlatformProcess.Start($"{project.ToLowerInvariant()}-misconfigured", project, new Uri($"http://127.0.0.1:{FreePort.Next()}"), settings);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, exitCode);
        return process.Output;
    }
}
