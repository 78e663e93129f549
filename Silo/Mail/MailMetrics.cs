using System.Diagnostics.Metrics;

namespace Platform.Silo.Mail;

/// <summary>The mail outbox as an operator sees it, on the <c>Platform.Mail</c> meter.</summary>
public sealed class MailMetrics
{
    public const string MeterName = "Platform.Mail";

    private readonly Meter _meter;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _failures;

    public MailMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _sent = _meter.CreateCounter<long>("platform.mail.sent", "{mail}", "Mails the SMTP server accepted.");
        _failures = _meter.CreateCounter<long>("platform.mail.failures", "{failure}",
            "Delivery failures: retry (will try again), gave_up (after the last retry), dropped (outbox full).");
    }

    public void ObserveOutbox(Func<int> depth) =>
        _meter.CreateObservableGauge("platform.mail.outbox.depth", depth, "{mail}", "Mails waiting in this silo's outbox.");

    public void Sent() => _sent.Add(1);

    public void Failed(string kind) => _failures.Add(1, new KeyValuePair<string, object?>("kind", kind));
}
