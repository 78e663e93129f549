using Npgsql;

namespace Platform.Testing;

/// <summary>
/// The real services that <c>./dev.sh test</c> starts, handed over in PLATFORM_TEST_* variables.
/// A test run without them fails loudly rather than skipping.
/// </summary>
public static class TestServices
{
    public static string Postgres => Required("PLATFORM_TEST_POSTGRES");
    /// <summary>The same server as the Api's own role (platform_api), which reads the gateway list only.</summary>
    public static string PostgresApi => Required("PLATFORM_TEST_POSTGRES_API");
    public static string RabbitMq => Required("PLATFORM_TEST_RABBITMQ");
    /// <summary>The broker as the Api's own user (platform-api), which may connect and nothing more.</summary>
    public static string RabbitMqApi => Required("PLATFORM_TEST_RABBITMQ_API");
    public static string S3 => Required("PLATFORM_TEST_S3");
    public static string S3AccessKey => Required("PLATFORM_TEST_S3_ACCESS_KEY");
    public static string S3SecretKey => Required("PLATFORM_TEST_S3_SECRET_KEY");
    public static string Smtp => Required("PLATFORM_TEST_SMTP");
    public static Uri MailCapture => new(Required("PLATFORM_TEST_MAILDEV"));
    public static Uri OidcAuthority => new(Required("PLATFORM_TEST_OIDC"));
    public static string OidcClientId => Required("PLATFORM_TEST_OIDC_CLIENT_ID");
    public static string OidcClientSecret => Required("PLATFORM_TEST_OIDC_CLIENT_SECRET");

    /// <summary>A code-hashing key for processes that run outside Development (made per test run).</summary>
    public static string CodeHashKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>A new, empty database on the test server; each fixture gets its own.</summary>
    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = $"test_{purpose}_{Guid.NewGuid():N}"[..40];
        await using (var connection = new NpgsqlConnection(Postgres))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(Postgres) { Database = name }.ConnectionString;
    }

    /// <summary><paramref name="connectionString"/>'s database, reached with the Api's own role.</summary>
    public static string AsApiRole(string connectionString) =>
        new NpgsqlConnectionStringBuilder(PostgresApi) { Database = new NpgsqlConnectionStringBuilder(connectionString).Database }.ConnectionString;

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests with ./dev.sh test, which starts the services they need.");

    /// <summary>
    /// The API's per-IP and per-network limits, lifted: test stacks send everything from one loopback
    /// address. <paramref name="separator"/> is ":" for in-process settings, "__" for environment variables.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> LiftedRateLimits(string separator) =>
        new[] { "AuthPerIp", "AuthPerNetwork", "CodeSendsPerIp", "UnverifiedSessionsPerIp", "VideoCreatesPerIp", "ListingsPerIp", "PlaylistsPerIp", "MediaPerIp", "ViewsPerIp", "UploadCallsPerIp" }
            .Select(limit => new KeyValuePair<string, string>($"RateLimits{separator}{limit}", "100000"));
}
