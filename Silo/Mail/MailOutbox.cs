using System.Threading.Channels;
using Platform.Grains.Mail;

namespace Platform.Silo.Mail;

/// <summary>
/// Grains hand mail here and return at once, so a request takes as long whether or not it
/// sends mail (no timing tells an account exists) and a slow or absent SMTP server does not
/// hold up sign-ins. A background loop delivers with retries. The queue lives in memory:
/// mail queued when a silo dies is lost, and the person asks for a new code.
/// </summary>
public sealed class MailOutbox(SmtpMailer smtp, MailMetrics metrics, ILogger<MailOutbox> logger) : BackgroundService, IMailer
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15)];

    private const int Capacity = 10_000;

    private readonly Channel<OutgoingMail> _queue = Channel.CreateBounded<OutgoingMail>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Mails waiting to be delivered.</summary>
    public int Depth => _queue.Reader.Count;

    public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        // With SMTP down for long the queue fills; then mail is dropped rather than holding up
        // the grains (and every request behind them) until their calls time out.
        if (!_queue.Writer.TryWrite(mail))
        {
            metrics.Failed("dropped");
            logger.LogError("Mail outbox full ({Capacity}): dropped \"{Subject}\"", Capacity, mail.Subject);
        }
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var mail in _queue.Reader.ReadAllAsync(stoppingToken))
                await DeliverAsync(mail, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            var left = _queue.Reader.Count;
            if (left > 0) logger.LogWarning("Silo stopping with {Count} mail(s) undelivered", left);
        }
    }

    private async Task DeliverAsync(OutgoingMail mail, CancellationToken stoppingToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await smtp.SendAsync(mail, stoppingToken);
                metrics.Sent();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (attempt >= RetryDelays.Length)
                {
                    metrics.Failed("gave_up");
                    logger.LogError(e, "Gave up delivering \"{Subject}\" after {Attempts} attempts", mail.Subject, attempt + 1);
                    return;
                }
                metrics.Failed("retry");
                logger.LogWarning("Delivering \"{Subject}\" failed ({Reason}); retrying in {Delay}", mail.Subject, e.Message, RetryDelays[attempt]);
                await Task.Delay(RetryDelays[attempt], stoppingToken);
            }
        }
    }
}
