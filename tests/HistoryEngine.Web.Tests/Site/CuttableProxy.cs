using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace HistoryEngine.Web.Tests.Site;

/// <summary>
/// A TCP relay in front of the test PostgreSQL server that a test can cut, as a network failure or a server going
/// away would: cutting closes every relayed connection and refuses new ones until <see cref="Restore"/>.
/// </summary>
public sealed class CuttableProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly EndPoint _server;
    private readonly List<Socket> _open = [];
    private readonly Lock _sync = new();
    private volatile bool _down;

    public CuttableProxy(string serverConnectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(serverConnectionString);
        _server = target.Host!.StartsWith('/')
            ? new UnixDomainSocketEndPoint(Path.Combine(target.Host, $".s.PGSQL.{target.Port}"))
            : new DnsEndPoint(target.Host, target.Port);
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>A connection string through the relay, to the same database, user and search path.</summary>
    public string ConnectionString(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = Port }.ConnectionString;

    public void Cut()
    {
        _down = true;
        lock (_sync)
        {
            foreach (var socket in _open)
                socket.Dispose();
            _open.Clear();
        }
    }

    public void Restore() => _down = false;

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket client;
            try { client = await _listener.AcceptSocketAsync(); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { return; }
            if (_down)
            {
                client.Dispose();
                continue;
            }
            var server = _server is UnixDomainSocketEndPoint
                ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                : new Socket(SocketType.Stream, ProtocolType.Tcp);
            try { await server.ConnectAsync(_server); }
            catch (SocketException) { client.Dispose(); server.Dispose(); continue; }
            lock (_sync) { _open.Add(client); _open.Add(server); }
            _ = RelayAsync(client, server);
            _ = RelayAsync(server, client);
        }
    }

    private static async Task RelayAsync(Socket from, Socket to)
    {
        var buffer = new byte[16384];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer);
                if (read == 0) break;
                await to.SendAsync(buffer.AsMemory(0, read));
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        from.Dispose();
        to.Dispose();
    }

    public void Dispose()
    {
        _listener.Stop();
        Cut();
    }
}
