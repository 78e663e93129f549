using System.ComponentModel.DataAnnotations;

namespace Platform.Silo.Mail;

public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    [Required(ErrorMessage = "Set Smtp:Host (environment variable Smtp__Host), the SMTP server that sends account mail.")]
    public string Host { get; set; } = "";
    [Range(1, 65535)] public int Port { get; set; } = 25;
    [Required] public string From { get; set; } = "Platform <no-reply@platform.local>";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>
    /// STARTTLS (implicit TLS on port 465). Unset: on outside Development, so codes and links do
    /// not cross the network in clear; set it to false explicitly for a local mail catcher.
    /// </summary>
    public bool? UseTls { get; set; }

    public bool UsesTls(IHostEnvironment environment) => UseTls ?? !environment.IsDevelopment();
}
