using System.Net;
using System.Net.Sockets;
using BackCareSite.Links;

namespace BackCareSite.Tests.Links;

/// <summary>
/// The real HTTP stack (<see cref="ExternalChecker.DefaultHandler"/>) against a local server: redirects
/// followed, HEAD refused then GET, a missing page, and a port where nothing listens.
/// </summary>
public sealed class ExternalCheckerServerTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _root;
    private readonly List<string> _requests = [];

    public ExternalCheckerServerTests()
    {
        var port = FreePort();
        _root = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(_root);
        _listener.Start();
        _ = Task.Run(Serve);
    }

    public void Dispose() => _listener.Close();

    [Fact]
    public async Task Checks_redirects_refused_HEAD_missing_pages_and_dead_ports_over_real_http()
    {
        var dead = $"http://127.0.0.1:{FreePort()}/";
        using var handler = ExternalChecker.DefaultHandler();
        var checker = new ExternalChecker(handler, new ExternalCheckOptions
        {
            CachePath = null,
            Retries = 1,
            Timeout = TimeSpan.FromSeconds(5),
            Delay = (_, _) => Task.CompletedTask,
        });

        var report = await checker.CheckAsync([_root + "ok", _root + "moved", _root + "no-head", _root + "missing", dead]);

        Assert.True(report.Outcomes[_root + "ok"].Ok);
        Assert.True(report.Outcomes[_root + "moved"].Ok);
        Assert.True(report.Outcomes[_root + "no-head"].Ok);
        Assert.Equal("the site answered HTTP 404 Not Found", report.Outcomes[_root + "missing"].Detail);
        Assert.StartsWith("cannot connect:", report.Outcomes[dead].Detail);
        lock (_requests)
        {
            Assert.Contains("HEAD /moved", _requests);
            Assert.Contains("HEAD /ok", _requests);
            Assert.Contains("HEAD /no-head", _requests);
            Assert.Contains("GET /no-head", _requests);
            Assert.DoesNotContain("GET /ok", _requests);
        }
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var path = context.Request.Url!.AbsolutePath;
            var method = context.Request.HttpMethod;
            lock (_requests)
            {
                _requests.Add($"{method} {path}");
            }

            var response = context.Response;
            switch (path)
            {
                case "/ok":
                    response.StatusCode = 200;
                    break;
                case "/moved":
                    response.StatusCode = 301;
                    response.RedirectLocation = _root + "ok";
                    break;
                case "/no-head":
                    response.StatusCode = method == "HEAD" ? 405 : 200;
                    break;
                default:
                    response.StatusCode = 404;
                    break;
            }

            response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
