using System.ComponentModel.DataAnnotations;

namespace Platform.ServiceDefaults.Configuration;

/// <summary>The connection strings (<c>ConnectionStrings:*</c>): the one place that knows each.</summary>
public sealed class ConnectionStringsOptions : IValidatableObject
{
    public const string Section = "ConnectionStrings";

    /// <summary>Npgsql connection string: cluster membership, grain state, reminders.</summary>
    [Required(ErrorMessage = "Set ConnectionStrings:Postgres (environment variable ConnectionStrings__Postgres), e.g. Host=db;Username=platform;Password=…;Database=platform.")]
    public string? Postgres { get; set; }

    /// <summary><c>amqp://user:pass@host:5672/vhost</c>; required where a process talks to the broker.</summary>
    public Uri? RabbitMq { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RabbitMq is not null && (!RabbitMq.IsAbsoluteUri || RabbitMq.Scheme is not ("amqp" or "amqps")))
            yield return new ValidationResult($"Setting '{Section}:RabbitMq' must be an absolute amqp:// or amqps:// URI.", [nameof(RabbitMq)]);
    }
}
