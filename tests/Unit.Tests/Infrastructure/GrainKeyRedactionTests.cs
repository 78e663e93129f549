using Platform.ServiceDefaults.Telemetry;

namespace Platform.Unit.Tests.Infrastructure;

/// <summary>Grain keys (email addresses, OAuth state) never leave the process in traces.</summary>
public sealed class GrainKeyRedactionTests
{
    [Fact]
    public void A_grain_key_becomes_a_stable_hash_that_keeps_the_grain_type()
    {
        var redacted = GrainKeyRedaction.Redact("emailaddress/ann@example.com");
        Assert.StartsWith("emailaddress/#", redacted);
        Assert.DoesNotContain("ann", redacted);
        Assert.Equal(redacted, GrainKeyRedaction.Redact("emailaddress/ann@example.com"));
        Assert.NotEqual(redacted, GrainKeyRedaction.Redact("emailaddress/bob@example.com"));
    }

    [Theory]
    [InlineData("sys.svc.user")]
    [InlineData("")]
    [InlineData("type/")]
    public void An_id_without_a_key_stays_as_it_is(string id) => Assert.Equal(id, GrainKeyRedaction.Redact(id));
}
