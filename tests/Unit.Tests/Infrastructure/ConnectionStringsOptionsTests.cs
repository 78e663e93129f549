using System.ComponentModel.DataAnnotations;
using Platform.ServiceDefaults.Configuration;

namespace Platform.Unit.Tests.Infrastructure;

/// <summary>The connection strings: PostgreSQL is required, the broker's is an AMQP URI.</summary>
public sealed class ConnectionStringsOptionsTests
{
    private static List<ValidationResult> Validate(ConnectionStringsOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void Postgres_is_required_and_the_message_names_the_key() =>
        Assert.Contains(Validate(new ConnectionStringsOptions()), r => r.ErrorMessage!.Contains("ConnectionStrings:Postgres"));

    [Theory]
    [InlineData("amqp://guest:guest@rabbitmq:5672/")]
    [InlineData("amqps://user:pass@broker.example.com/vhost")]
    public void An_amqp_uri_is_accepted(string uri) =>
        Assert.Empty(Validate(new ConnectionStringsOptions { Postgres = "Host=db", RabbitMq = new Uri(uri) }));

    [Theory]
    [InlineData("http://rabbitmq:15672/")]
    [InlineData("rabbitmq:5672")]
    public void Anything_else_for_the_broker_is_refused_naming_the_key(string uri)
    {
        var result = Assert.Single(Validate(new ConnectionStringsOptions { Postgres = "Host=db", RabbitMq = new Uri(uri, UriKind.RelativeOrAbsolute) }));
        Assert.Contains("ConnectionStrings:RabbitMq", result.ErrorMessage);
    }
}
