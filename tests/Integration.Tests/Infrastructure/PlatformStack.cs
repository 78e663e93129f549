namespace Platform.Integration.Tests.Infrastructure;

/// <summary>
/// One silo and two API nodes as separate processes, on a database of their own, against the
/// real PostgreSQL, RabbitMQ, S3 server, mail capture and OpenID provider. Node A is the public
/// address (the OpenID provider's redirect target); node B has strict per-IP limits. As deployed:
/// silo and API nodes talk mutual TLS (certificates of a CA made for the run), and the API nodes
/// use their own read-only database role.
/// </summary>
public sealed class PlatformStack : IAsyncLifetime
{
    public const int PublicPort = 5180;
    public const int SecondPort = 5181;

    private readonly List<PlatformProcess> _processes = [];
    private readonly string _certificates = Directory.CreateTempSubdirectory("stack-tls-").FullName;
    private Dictionary<string, string> _siloEnvironment = [];

    public Uri ApiA { get; } = new($"http://127.0.0.1:{PublicPort}");
    public Uri ApiB { get; } = new($"http://127.0.0.1:{SecondPort}");
    public string ConnectionString { get; private set; } = "";
    public PlatformProcess Silo { get; private set; } = null!;
    public PlatformProcess NodeA { get; private set; } = null!;

    public ApiClient ClientA() => new(ApiA);
    public ApiClient ClientB() => new(ApiB);

    public async Task InitializeAsync()
    {
        ConnectionString = await TestServices.CreateDatabaseAsync("stack");
        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = ConnectionString,
            ["ConnectionStrings__RabbitMq"] = TestServices.RabbitMq,
            ["Platform__PublicBaseUrl"] = ApiA.ToString(),
            ["Orleans__ClusterId"] = "e2e",
            ["Orleans__ServiceId"] = "e2e",
            ["S3__Endpoint"] = TestServices.S3,
            ["S3__AccessKey"] = TestServices.S3AccessKey,
            ["S3__SecretKey"] = TestServices.S3SecretKey,
            ["S3__Bucket"] = "e2e",
        };
        foreach (var (key, value) in TestServices.LiftedRateLimits("__")) common[key] = value;
        var cluster = TestCertificateAuthority.Create("Platform stack CA (test)");
        foreach (var (key, value) in cluster.NodeSettings(cluster.Issue("stack-node"), _certificates, "__")) common[key] = value;
        var (smtpHost, smtpPort) = (TestServices.Smtp.Split(':')[0], TestServices.Smtp.Split(':')[1]);
        _siloEnvironment = new Dictionary<string, string>(common)
        {
            ["Orleans__AdvertisedIP"] = "127.0.0.1",
            ["Dashboard__Enabled"] = "true",
            ["Auth__Rules__CodeHashKey"] = TestServices.CodeHashKey,
            ["Orleans__SiloPort"] = FreePort.Next().ToString(),
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(),
            ["Smtp__Host"] = smtpHost,
            ["Smtp__Port"] = smtpPort,
            ["Smtp__UseTls"] = "false", // the mail capture speaks plain SMTP
            // The 60 s rule is tested with a controlled clock in the grain tests; here it would only slow the run.
            ["Auth__Rules__CodeSendInterval"] = "00:00:01",
        };
        Silo = await StartSiloAsync();

        var oidc = TestServices.OidcAuthority.ToString().TrimEnd('/');
        var api = new Dictionary<string, string>(common)
        {
            ["ConnectionStrings__Postgres"] = TestServices.AsApiRole(ConnectionString),
            ["ConnectionStrings__RabbitMq"] = TestServices.RabbitMqApi,
            ["Videos__Urls__SigningKey"] = TestServices.CodeHashKey,
            ["Auth__Providers__local__Type"] = "oidc",
            ["Auth__Providers__local__Authority"] = TestServices.OidcAuthority.ToString(),
            ["Auth__Providers__local__ClientId"] = TestServices.OidcClientId,
            ["Auth__Providers__local__ClientSecret"] = TestServices.OidcClientSecret,
            // The GitHub code path (OAuth 2 + GitHub's user API, no OpenID Connect) against the dev
            // provider's GitHub stand-in: every GitHub endpoint is overridden to point at it.
            ["Auth__Providers__github__Type"] = "github",
            ["Auth__Providers__github__ClientId"] = TestServices.OidcClientId,
            ["Auth__Providers__github__ClientSecret"] = TestServices.OidcClientSecret,
            ["Auth__Providers__github__AuthorizationEndpoint"] = $"{oidc}/auth",
            ["Auth__Providers__github__TokenEndpoint"] = $"{oidc}/token",
            ["Auth__Providers__github__UserInfoEndpoint"] = $"{oidc}/github/user",
            ["Auth__Providers__github__EmailsEndpoint"] = $"{oidc}/github/user/emails",
            // Not GitHub's "read:user user:email": the dev provider grants nothing without `openid`
            // (it redirects back with error=access_denied), so ask for its own scopes.
            ["Auth__Providers__github__Scopes"] = "openid email profile",
            ["Platform__AllowedOrigins__0"] = "https://app.example.test",
        };
        var apiA = NodeA = Start("api-a", "Api", ApiA, new Dictionary<string, string>(api)
        {
            // Every request logged, so a test can show that even then no secret reaches the log.
            ["RequestLogging__LogAll"] = "true",
        });
        var apiB = Start("api-b", "Api", ApiB, api);
        await Task.WhenAll(apiA.WaitUntilHealthyAsync("/health/ready", TimeSpan.FromSeconds(90)), apiB.WaitUntilHealthyAsync("/health/ready", TimeSpan.FromSeconds(90)));
    }

    /// <summary>
    /// Kills the silo as a crash would and starts a new one on the same database and endpoint,
    /// as a supervisor restarting it would; the new generation retires the dead one at once.
    /// </summary>
    public async Task RestartSiloAsync(Func<Task>? whileDown = null)
    {
        await Silo.KillAsync();
        _processes.Remove(Silo);
        await Silo.DisposeAsync();
        if (whileDown is not null) await whileDown();
        Silo = await StartSiloAsync();
    }

    private async Task<PlatformProcess> StartSiloAsync()
    {
        var silo = Start("silo", "Silo", new Uri($"http://127.0.0.1:{FreePort.Next()}"), _siloEnvironment);
        await silo.WaitUntilHealthyAsync("/health/live", TimeSpan.FromSeconds(60));
        return silo;
    }

    private PlatformProcess Start(string name, string project, Uri url, IReadOnlyDictionary<string, string> environment)
    {
        var process = PlatformProcess.Start(name, project, url, environment);
        _processes.Add(process);
        return process;
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes) await process.DisposeAsync();
        Directory.Delete(_certificates, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<PlatformStack>
{
    public const string Name = "platform stack";
}
