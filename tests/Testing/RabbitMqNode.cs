using System.Diagnostics;
using System.Net.Sockets;

namespace Platform.Testing;

/// <summary>
/// A RabbitMQ node of a test's own (its own ports, name and data folder), for tests that stop and
/// restart the broker without disturbing the shared test broker. Started the way
/// <c>tools/dev/rabbitmq.sh</c> starts a profile's node: <c>rabbitmq-server</c> with the node's
/// environment (the Debian wrapper switches to the rabbitmq user).
/// </summary>
public sealed class RabbitMqNode : IAsyncDisposable
{
    private readonly string _dir;
    private readonly int _distPort;
    private Process? _server;

    private RabbitMqNode(string dir, int port, int distPort, string node)
    {
        _dir = dir;
        Port = port;
        _distPort = distPort;
        Node = node;
    }

    public int Port { get; }

    public string Node { get; }

    public Uri Uri => new($"amqp://guest:guest@127.0.0.1:{Port}/");

    public static async Task<RabbitMqNode> StartAsync(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"platform-rabbit-{name}-{Guid.NewGuid():N}");
        var node = new RabbitMqNode(dir, FreePort.Next(), FreePort.Next(), $"rabbit-platform-{name}-{Guid.NewGuid():N}@localhost");
        await RunAsync("install", "-d", "-o", "rabbitmq", "-g", "rabbitmq", "-m", "755", dir, Path.Combine(dir, "mnesia"), Path.Combine(dir, "log"));
        await File.WriteAllTextAsync(Path.Combine(dir, "rabbitmq.conf"), $"listeners.tcp.default = 127.0.0.1:{node.Port}\nloopback_users.guest = true\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "enabled_plugins"), "[].\n");
        await RunAsync("chown", "rabbitmq:rabbitmq", Path.Combine(dir, "rabbitmq.conf"), Path.Combine(dir, "enabled_plugins"));
        await node.StartAgainAsync();
        return node;
    }

    /// <summary>Starts the node (again, on the same data) and waits until it serves AMQP.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo("rabbitmq-server") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["RABBITMQ_NODENAME"] = Node;
        start.Environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        start.Environment["RABBITMQ_NODE_PORT"] = Port.ToString();
        start.Environment["RABBITMQ_DIST_PORT"] = _distPort.ToString();
        start.Environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(_dir, "rabbitmq.conf");
        start.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_dir, "enabled_plugins");
        start.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(_dir, "mnesia");
        start.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(_dir, "log");
        start.Environment["RABBITMQ_PID_FILE"] = Path.Combine(_dir, "rabbit.pid");
        start.Environment["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}";
        start.Environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";
        _server = Process.Start(start) ?? throw new InvalidOperationException("rabbitmq-server did not start");
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        await Eventually.Async(async () => PortOpen() && await RunAsync(false, "rabbitmq-diagnostics", "-n", Node, "-q", "check_running"),
            TimeSpan.FromSeconds(120), $"the test's RabbitMQ node {Node} did not start (logs in {_dir}/log)");
    }

    /// <summary>Stops the node (its data stays) and waits until its port is closed.</summary>
    public async Task StopAsync()
    {
        await RunAsync(false, "rabbitmqctl", "-n", Node, "-q", "stop", Path.Combine(_dir, "rabbit.pid"));
        await Eventually.Async(() => Task.FromResult(!PortOpen()), TimeSpan.FromSeconds(60), $"the test's RabbitMQ node {Node} did not stop");
        if (_server is { } server && !server.HasExited) await server.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (PortOpen()) await StopAsync();
        }
        finally
        {
            if (_server is { HasExited: false } server) server.Kill(entireProcessTree: true);
            try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private bool PortOpen()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static Task RunAsync(string file, params string[] args) => RunAsync(true, file, args);

    private static async Task<bool> RunAsync(bool mustSucceed, string file, params string[] args)
    {
        var (exit, output, errors) = await ProcessRunner.RunAsync(file, args);
        if (mustSucceed && exit != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {errors}{output}");
        return exit == 0;
    }
}
