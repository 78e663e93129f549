using Microsoft.Extensions.Configuration;

namespace Platform.Grains.Interfaces.Hosting;

/// <summary>
/// What silos and API nodes must agree on to form one cluster: the PostgreSQL database that
/// holds membership, and the cluster and service ids. The one place that reads them.
/// </summary>
public sealed record ClusterSettings(string PostgresConnectionString, string ClusterId, string ServiceId)
{
    public const string AdoNetInvariant = "Npgsql";

    public static ClusterSettings From(IConfiguration configuration) => new(
        Settings.Required(configuration, "ConnectionStrings:Postgres"),
        configuration["Orleans:ClusterId"] is { Length: > 0 } cluster ? cluster : "platform",
        configuration["Orleans:ServiceId"] is { Length: > 0 } service ? service : "platform");
}

public static class Settings
{
    /// <summary>Reads a setting that has no sensible default, naming it and its environment variable when absent.</summary>
    public static string Required(IConfiguration configuration, string key) =>
        configuration[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Missing setting '{key}' (environment variable {key.Replace(":", "__")}). See README.md, section Configuration.");

    public static Uri RequiredUri(IConfiguration configuration, string key) =>
        Uri.TryCreate(Required(configuration, key), UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException($"Setting '{key}' must be an absolute URI. See README.md, section Configuration.");
}
