using System.ComponentModel.DataAnnotations;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Unit.Tests.Infrastructure;

/// <summary>The API serves metrics on a management port only; Orleans' per-message instruments are opt-in.</summary>
public sealed class TelemetryOptionsTests
{
    private static List<ValidationResult> Validate(TelemetryOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void By_default_no_metrics_port_and_no_per_message_orleans_metrics()
    {
        var options = new TelemetryOptions();
        Assert.Null(options.MetricsPort);
        Assert.False(options.PerMessageOrleansMetrics);
        Assert.Empty(Validate(options));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void A_port_outside_the_tcp_range_is_refused(int port) =>
        Assert.Contains(Validate(new TelemetryOptions { MetricsPort = port }), r => r.MemberNames.Contains(nameof(TelemetryOptions.MetricsPort)));
}
