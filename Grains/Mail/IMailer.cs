namespace Platform.Grains.Mail;

/// <summary>Delivers mail; the silo provides it over SMTP.</summary>
public interface IMailer
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default);
}
