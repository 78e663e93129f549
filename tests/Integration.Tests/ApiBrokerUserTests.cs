using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.Integration.Tests;

/// <summary>The Api's own broker user (platform-api) may connect — its readiness check — and touch nothing.</summary>
public sealed class ApiBrokerUserTests
{
    private static Task<IConnection> ConnectAsync(string uri) =>
        new ConnectionFactory { Uri = new Uri(uri), AutomaticRecoveryEnabled = false }.CreateConnectionAsync("api-broker-user-test");

    [Fact]
    public async Task The_api_user_connects_but_may_declare_and_read_nothing()
    {
        var queue = $"api-user-test-{Guid.NewGuid():N}";
        await using (var admin = await ConnectAsync(TestServices.RabbitMq))
        await using (var channel = await admin.CreateChannelAsync())
            await channel.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: true);

        await using var api = await ConnectAsync(TestServices.RabbitMqApi);
        Assert.True(api.IsOpen);

        await using (var channel = await api.CreateChannelAsync())
        {
            var declare = await Assert.ThrowsAsync<OperationInterruptedException>(() => channel.QueueDeclareAsync($"intruder-{Guid.NewGuid():N}", false, false, true));
            Assert.Equal((ushort)403, declare.ShutdownReason?.ReplyCode);
        }
        await using (var channel = await api.CreateChannelAsync())
        {
            var read = await Assert.ThrowsAsync<OperationInterruptedException>(() => channel.BasicGetAsync(queue, autoAck: true));
            Assert.Equal((ushort)403, read.ShutdownReason?.ReplyCode);
        }

        await using (var admin = await ConnectAsync(TestServices.RabbitMq))
        await using (var channel = await admin.CreateChannelAsync())
            await channel.QueueDeleteAsync(queue);
    }
}
