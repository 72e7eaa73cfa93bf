using System.Globalization;
using System.Net;
using System.Text;
using BackgroundRoles.ServiceRuntime;

namespace BackgroundRoles.Tests.LifecycleRole;

/// <summary>
/// An HTTP server on one of the instance's endpoints: every request gets 200 with the instance id as its body and the
/// deployment id in the <c>X-Deployment-Id</c> header, so a test can tell which deployment served it, and the instance's
/// <c>Echo</c> setting at its start in <c>X-Echo</c>, so a test can tell which version of a deployment served it.
/// With an answer delay, each request is answered only after it, and with 503 when the instance began stopping
/// meanwhile: a request the load balancer still sent to a stopping instance fails visibly instead of slipping
/// through before the listener closes.
/// </summary>
internal sealed class HttpEcho : IDisposable
{
    public const string DeploymentHeader = "X-Deployment-Id";

    public const string EchoHeader = "X-Echo";

    private readonly HttpListener _listener = new();
    private readonly byte[] _body;
    private readonly string _deploymentId;
    private readonly string _echo;
    private readonly Task _serving;
    private readonly TimeSpan _answerDelay;
    private volatile bool _stopping;

    public HttpEcho(string instanceId, string deploymentId, string echo, RoleInstanceEndpoint endpoint, TimeSpan answerDelay)
    {
        _answerDelay = answerDelay;
        _body = Encoding.UTF8.GetBytes(instanceId);
        _deploymentId = deploymentId;
        _echo = echo;
        _listener.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://{endpoint.IPEndpoint.Address}:{endpoint.IPEndpoint.Port}/"));
        _listener.Start();
        _serving = ServeAsync();
    }

    /// <summary>From now on every request is answered 503 (the listener keeps answering until disposed).</summary>
    public void MarkStopping() => _stopping = true;

    public void Dispose()
    {
        _listener.Stop();
        _serving.Wait();
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            if (_answerDelay > TimeSpan.Zero)
            {
                await Task.Delay(_answerDelay);
            }

            if (_stopping)
            {
                context.Response.StatusCode = 503;
                return;
            }

            context.Response.StatusCode = 200;
            context.Response.AddHeader(DeploymentHeader, _deploymentId);
            context.Response.AddHeader(EchoHeader, _echo);
            context.Response.ContentType = "text/plain";
            await context.Response.OutputStream.WriteAsync(_body);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away.
        }
        finally
        {
            context.Response.Close();
        }
    }
}
