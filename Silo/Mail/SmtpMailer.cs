using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Platform.Grains.Mail;

namespace Platform.Silo.Mail;

/// <summary>Sends each message over its own SMTP connection with MailKit.</summary>
public sealed class SmtpMailer(IOptions<SmtpOptions> options, IHostEnvironment environment, ILogger<SmtpMailer> logger) : IMailer
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(o.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody();

        using var client = new SmtpClient();
        var security = !o.UsesTls(environment) ? SecureSocketOptions.None
            : o.Port == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
        await client.ConnectAsync(o.Host, o.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(o.UserName)) await client.AuthenticateAsync(o.UserName, o.Password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        // The subject names the kind of mail; the body holds codes and links, which are never logged.
        logger.LogInformation("Sent \"{Subject}\" mail", mail.Subject);
    }
}
