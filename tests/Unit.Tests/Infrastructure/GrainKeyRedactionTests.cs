using System.Diagnostics;
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

    [Fact]
    public void The_processor_rewrites_orleans_grain_id_tags_and_drops_orleans_exception_text()
    {
        using var source = new ActivitySource("Microsoft.Orleans.Application");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var activity = source.StartActivity("IEmailAddressGrain/Login")!;
        activity.SetTag("orleans.rpc.target_id", "emailaddress/ann@example.com");
        activity.SetTag("orleans.rpc.source_id", "externalsigninstate/secret-state-value");
        activity.SetTag("exception.message", "Response did not arrive on time [silo emailaddress/ann@example.com]");
        activity.SetTag("rpc.method", "Login");

        new GrainKeyRedaction().OnEnd(activity);

        var tags = string.Join(" ", activity.TagObjects.Select(t => $"{t.Key}={t.Value}"));
        Assert.DoesNotContain("ann@example.com", tags);
        Assert.DoesNotContain("secret-state-value", tags);
        Assert.StartsWith("emailaddress/#", (string)activity.GetTagItem("orleans.rpc.target_id")!);
        Assert.Equal("Login", activity.GetTagItem("rpc.method"));
    }
}
