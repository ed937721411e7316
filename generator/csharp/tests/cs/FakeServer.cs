// A scripted HTTP server on 127.0.0.1 for the runtime tests: records every request and
// answers with what the test's handler returns.
namespace RuntimeTests
{
    using System;
    using System.Collections.Generic;
    using System.IO;
    using System.Net;
    using System.Net.Sockets;
    using System.Text;
    using System.Threading;
    using System.Threading.Tasks;

    public sealed class Recorded
    {
        public string Method;
        public string Path;
        public string Query;
        public Dictionary<string, string> Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        public string Body;
    }

    public sealed class Reply
    {
        public int Status = 200;
        public string ContentType = "application/json";
        public string Body = string.Empty;
        public Dictionary<string, string> Headers = new Dictionary<string, string>();
        public int DelayMs;

        public static Reply Json(string body, int status = 200)
        {
            return new Reply { Body = body, Status = status };
        }

        public static Reply Problem(int status, string title)
        {
            var r = new Reply
            {
                Status = status,
                ContentType = "application/problem+json",
                Body = "{\"type\":\"https://example.test/problems/x\",\"title\":\"" + title + "\",\"status\":" + status + ",\"errors\":[{\"field\":\"name\",\"message\":\"bad\"}]}",
            };
            r.Headers["X-Request-Id"] = "req_" + status;
            return r;
        }
    }

    public sealed class FakeServer : IDisposable
    {
        private readonly HttpListener _listener = new HttpListener();
        private readonly object _lock = new object();
        private readonly List<Recorded> _requests = new List<Recorded>();

        public FakeServer(Func<Recorded, Reply> handler)
        {
            Handler = handler;
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = "http://127.0.0.1:" + port;
            _listener.Prefixes.Add(Url + "/");
            _listener.Start();
            Task.Run(Loop);
        }

        public string Url { get; }

        public Func<Recorded, Reply> Handler { get; set; }

        public List<Recorded> Requests
        {
            get
            {
                lock (_lock)
                {
                    return new List<Recorded>(_requests);
                }
            }
        }

        private async Task Loop()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext ctx;
                try
                {
                    ctx = await _listener.GetContextAsync();
                }
                catch (Exception)
                {
                    return;
                }
                var rec = new Recorded
                {
                    Method = ctx.Request.HttpMethod,
                    Path = ctx.Request.Url.AbsolutePath,
                    Query = ctx.Request.Url.Query,
                };
                foreach (var key in ctx.Request.Headers.AllKeys)
                {
                    rec.Headers[key] = ctx.Request.Headers[key];
                }
                using (var reader = new StreamReader(ctx.Request.InputStream, Encoding.UTF8))
                {
                    rec.Body = reader.ReadToEnd();
                }
                lock (_lock)
                {
                    _requests.Add(rec);
                }
                Reply reply;
                try
                {
                    reply = Handler(rec);
                }
                catch (Exception e)
                {
                    reply = new Reply { Status = 599, Body = e.ToString() };
                }
                if (reply.DelayMs > 0)
                {
                    await Task.Delay(reply.DelayMs);
                }
                try
                {
                    ctx.Response.StatusCode = reply.Status;
                    ctx.Response.ContentType = reply.ContentType;
                    foreach (var h in reply.Headers)
                    {
                        ctx.Response.Headers[h.Key] = h.Value;
                    }
                    var bytes = Encoding.UTF8.GetBytes(reply.Body);
                    ctx.Response.ContentLength64 = bytes.Length;
                    ctx.Response.OutputStream.Write(bytes, 0, bytes.Length);
                    ctx.Response.Close();
                }
                catch (Exception)
                {
                    // The client went away (a timeout test).
                }
            }
        }

        public void Dispose()
        {
            try
            {
                _listener.Stop();
                _listener.Close();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
