using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Platform.Browser.Tests;

/// <summary>
/// The platform as <c>./dev.sh up</c> runs it, on ports and a database of its own: a silo and an
/// Api process serving the built web app (<c>web/dist</c>, built by <c>./dev.sh test</c>), against
/// the real PostgreSQL, RabbitMQ, S3 server, mail capture and OpenID provider; and Debian's Chromium
/// driven by Playwright for .NET (Playwright's own browser download cannot work here).
/// </summary>
public sealed partial class BrowserStack : IAsyncLifetime
{
    /// <summary>Parts of 5 MiB (the smallest S3 takes), so a test file of 12 MiB is sent in three.</summary>
    public const int PartBytes = 5 * 1024 * 1024;

    private readonly List<PlatformProcess> _processes = [];
    private IPlaywright? _playwright;

    /// <summary>A fixed port: the dev OpenID provider of <c>./dev.sh test</c> allows this Api's callback (tools/dev/common.sh).</summary>
    public const int Port = 5182;

    public Uri BaseUrl { get; } = new($"http://127.0.0.1:{Port}");
    public IBrowser Browser { get; private set; } = null!;
    public string Media { get; } = Directory.CreateTempSubdirectory("browser-media-").FullName;

    /// <summary>Where screenshots go: the test results folder of <c>./dev.sh test</c>.</summary>
    public static string Screenshots { get; } = Path.Combine(PlatformProcess.RepositoryRoot(), ".dev", "test", "results", "screenshots");

    public static string WebRoot { get; } = Environment.GetEnvironmentVariable("PLATFORM_TEST_WEB_ROOT") is { Length: > 0 } root
        ? root : Path.Combine(PlatformProcess.RepositoryRoot(), "web", "dist");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(WebRoot, "index.html")))
            throw new InvalidOperationException($"No built web app in {WebRoot}: run `npm ci && npm run build` in web/ (./dev.sh test does).");
        Directory.CreateDirectory(Screenshots);
        var database = await TestServices.CreateDatabaseAsync("browser");
        var cluster = $"browser-{Guid.NewGuid():N}";
        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database,
            ["ConnectionStrings__RabbitMq"] = TestServices.RabbitMq,
            ["Platform__PublicBaseUrl"] = BaseUrl.ToString(),
            ["Orleans__ClusterId"] = cluster,
            ["Orleans__ServiceId"] = cluster,
            ["S3__Endpoint"] = TestServices.S3,
            ["S3__AccessKey"] = TestServices.S3AccessKey,
            ["S3__SecretKey"] = TestServices.S3SecretKey,
            ["S3__Bucket"] = "browser",
        };
        foreach (var (key, value) in TestServices.LiftedRateLimits("__")) common[key] = value;
        var (smtpHost, smtpPort) = (TestServices.Smtp.Split(':')[0], TestServices.Smtp.Split(':')[1]);
        var silo = Start("browser-silo", "Silo", new Uri($"http://127.0.0.1:{FreePort.Next()}"), new Dictionary<string, string>(common)
        {
            ["Orleans__AdvertisedIP"] = "127.0.0.1",
            ["Orleans__SiloPort"] = FreePort.Next().ToString(),
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(),
            ["Auth__Rules__CodeHashKey"] = TestServices.CodeHashKey,
            ["Auth__Rules__CodeSendInterval"] = "00:00:01",
            ["Smtp__Host"] = smtpHost,
            ["Smtp__Port"] = smtpPort,
            ["Smtp__UseTls"] = "false",
        });
        await silo.WaitUntilHealthyAsync("/health/live", TimeSpan.FromSeconds(90));
        var api = Start("browser-api", "Api", BaseUrl, new Dictionary<string, string>(common)
        {
            ["ConnectionStrings__Postgres"] = TestServices.AsApiRole(database),
            ["ConnectionStrings__RabbitMq"] = TestServices.RabbitMqApi,
            ["Videos__Urls__SigningKey"] = TestServices.CodeHashKey,
            ["Videos__Multipart__PartBytes"] = PartBytes.ToString(),
            ["Web__Root"] = WebRoot,
            ["Auth__Providers__local__Type"] = "oidc",
            ["Auth__Providers__local__Name"] = "Local OpenID provider",
            ["Auth__Providers__local__Authority"] = TestServices.OidcAuthority.ToString(),
            ["Auth__Providers__local__ClientId"] = TestServices.OidcClientId,
            ["Auth__Providers__local__ClientSecret"] = TestServices.OidcClientSecret,
        });
        await api.WaitUntilHealthyAsync("/health/ready", TimeSpan.FromSeconds(90));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // This machine's network is closed: no background connections; media may start without a gesture.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required"],
        });
    }

    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    public static readonly ViewportSize Phone = new() { Width = 375, Height = 740 };

    /// <summary>A browser of its own (cookies, storage) on a new page, whose console errors are collected.</summary>
    public async Task<BrowserPage> OpenAsync(ViewportSize? viewport = null, bool phone = false)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl.ToString(),
            ViewportSize = viewport ?? Desktop,
            IsMobile = phone,
            HasTouch = phone,
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        var errors = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            // The browser reports every 4xx answer of a fetch as a console error of its own; the app
            // expects some (401 when signed out, 404 for a video that is not there) and handles them.
            if (message.Type == "error" && !ExpectedNetworkStatus().IsMatch(message.Text)) errors.Enqueue($"{page.Url}: {message.Text}");
        };
        page.PageError += (_, error) => errors.Enqueue($"{page.Url}: uncaught {error}");
        return new BrowserPage(context, page, errors);
    }

    [GeneratedRegex(@"^Failed to load resource: the server responded with a status of 4(01|04|09)\b")]
    private static partial Regex ExpectedNetworkStatus();

    private PlatformProcess Start(string name, string project, Uri url, IReadOnlyDictionary<string, string> environment)
    {
        var process = PlatformProcess.Start(name, project, url, environment);
        _processes.Add(process);
        return process;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        foreach (var process in _processes) await process.DisposeAsync();
        Directory.Delete(Media, recursive: true);
    }
}

/// <summary>One browser (its own cookies and storage) and its page; the console errors seen so far.</summary>
public sealed record BrowserPage(IBrowserContext Context, IPage Page, ConcurrentQueue<string> ConsoleErrors) : IAsyncDisposable
{
    /// <param name="connectionDrops">The test cut connections on purpose: the browser's own reports of them are expected.</param>
    public void AssertNoConsoleErrors(bool connectionDrops = false)
    {
        var errors = ConsoleErrors.Where(e => !(connectionDrops && e.Contains("net::ERR_", StringComparison.Ordinal))).ToList();
        Assert.True(errors.Count == 0, "console errors:\n" + string.Join('\n', errors));
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserStack>
{
    public const string Name = "browser";
}
