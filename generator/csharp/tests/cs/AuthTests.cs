// Credentials of a generated C# SDK (spec/fixtures/auth.yaml) against FakeServer, which
// answers what it received: each operation sends the first alternative of its requirements
// whose options are all set, and nothing when none is.
namespace RuntimeTests
{
    using System;
    using System.Collections.Generic;
    using System.Threading.Tasks;
    using Newtonsoft.Json;
    using NUnit.Framework;
    using Vault;
    using Vault.Core;

    [TestFixture]
    public class AuthTests
    {
        private static readonly string[] EnvVars =
        {
            "VAULT_API_KEY", "VAULT_USERNAME", "VAULT_PASSWORD", "VAULT_APP_ID", "VAULT_APP_SECRET",
            "VAULT_SESSION_COOKIE", "VAULT_PARTNER_KEY", "VAULT_OAUTH", "VAULT_BASE_URL",
        };

        private FakeServer _server;

        [SetUp]
        public void Start()
        {
            foreach (var v in EnvVars)
            {
                Environment.SetEnvironmentVariable(v, null);
            }
            _server = new FakeServer(r =>
            {
                Func<string, string> header = name =>
                {
                    string value;
                    return r.Headers.TryGetValue(name, out value) ? value : null;
                };
                var seen = new Dictionary<string, string>
                {
                    ["authorization"] = header("Authorization"),
                    ["app_id"] = header("X-App-Id"),
                    ["partner_key"] = header("X-Partner-Key"),
                    ["cookie"] = header("Cookie"),
                    ["query"] = (r.Query ?? string.Empty).TrimStart('?'),
                };
                return Reply.Json(JsonConvert.SerializeObject(seen));
            });
        }

        [TearDown]
        public void Stop()
        {
            _server.Dispose();
            foreach (var v in EnvVars)
            {
                Environment.SetEnvironmentVariable(v, null);
            }
        }

        private VaultClient Client(ClientOptions options)
        {
            options.BaseUrl = _server.Url;
            options.MaxRetries = 0;
            return new VaultClient(options);
        }

        private static Seen Run(Func<Task<Seen>> f)
        {
            return f().GetAwaiter().GetResult();
        }

        [Test]
        public void BearerOrBasic()
        {
            Assert.AreEqual("Bearer tok", Run(() => Client(new ClientOptions { ApiKey = "tok" }).Items.ListAsync()).Authorization);
            Assert.AreEqual("Basic dTpw", Run(() => Client(new ClientOptions { Username = "u", Password = "p" }).Items.ListAsync()).Authorization);
            Assert.AreEqual("Basic dTo=", Run(() => Client(new ClientOptions { Username = "u" }).Items.ListAsync()).Authorization);
            Assert.AreEqual("Bearer tok", Run(() => Client(new ClientOptions { Username = "u", Password = "p", ApiKey = "tok" }).Items.ListAsync()).Authorization);
            Assert.IsNull(Run(() => Client(new ClientOptions()).Items.ListAsync()).Authorization);
        }

        [Test]
        public void HeaderAndQueryKeysTogether()
        {
            var s = Run(() => Client(new ClientOptions { AppId = "app", AppSecret = "sec", ApiKey = "tok" }).Reports.RetrieveAsync());
            Assert.AreEqual("app", s.AppId);
            Assert.AreEqual("app_secret=sec", s.Query);
            Assert.IsNull(s.Authorization);
            // One of the two is not enough: neither is sent.
            s = Run(() => Client(new ClientOptions { AppId = "app" }).Reports.RetrieveAsync());
            Assert.IsNull(s.AppId);
            Assert.AreEqual(string.Empty, s.Query);
            // A query parameter given by the caller wins over the credential.
            var mine = new RequestOptions();
            mine.Query["app_secret"] = "mine";
            s = Run(() => Client(new ClientOptions { AppId = "app", AppSecret = "sec" }).Reports.RetrieveAsync(mine));
            Assert.AreEqual("app_secret=mine", s.Query);
        }

        [Test]
        public void Cookie()
        {
            var s = Run(() => Client(new ClientOptions { SessionCookie = "c", ApiKey = "tok" }).Session.RetrieveAsync());
            Assert.AreEqual("SESSION=c", s.Cookie);
            Assert.IsNull(s.Authorization);
        }

        [Test]
        public void NoCredentials()
        {
            var s = Run(() => Client(new ClientOptions { ApiKey = "tok", AppId = "app", SessionCookie = "c" }).Status.RetrieveAsync());
            Assert.IsNull(s.Authorization);
            Assert.IsNull(s.AppId);
            Assert.IsNull(s.Cookie);
            Assert.AreEqual(string.Empty, s.Query);
        }

        [Test]
        public void OptionalCredentials()
        {
            var s = Run(() => Client(new ClientOptions { ApiKey = "tok" }).Feed.RetrieveAsync());
            Assert.IsNull(s.PartnerKey);
            Assert.IsNull(s.Authorization);
            s = Run(() => Client(new ClientOptions { PartnerKey = "pk" }).Feed.RetrieveAsync());
            Assert.AreEqual("pk", s.PartnerKey);
        }

        [Test]
        public void FirstAlternativeWins()
        {
            Assert.AreEqual("Bearer oa", Run(() => Client(new ClientOptions { Oauth = "oa", ApiKey = "tok" }).Admin.RetrieveAsync()).Authorization);
            Assert.AreEqual("Bearer tok", Run(() => Client(new ClientOptions { ApiKey = "tok" }).Admin.RetrieveAsync()).Authorization);
            // A header given by the caller wins over the credential.
            var mine = new RequestOptions();
            mine.Headers["Authorization"] = "Bearer mine";
            Assert.AreEqual("Bearer mine", Run(() => Client(new ClientOptions { ApiKey = "tok" }).Admin.RetrieveAsync(mine)).Authorization);
        }

        [Test]
        public void FromEnvironment()
        {
            Environment.SetEnvironmentVariable("VAULT_APP_ID", "env-app");
            Environment.SetEnvironmentVariable("VAULT_APP_SECRET", "env-sec");
            var s = Run(() => Client(new ClientOptions()).Reports.RetrieveAsync());
            Assert.AreEqual("env-app", s.AppId);
            Assert.AreEqual("app_secret=env-sec", s.Query);
            // An option given wins over the environment.
            s = Run(() => Client(new ClientOptions { AppId = "given" }).Reports.RetrieveAsync());
            Assert.AreEqual("given", s.AppId);
        }

        [Test]
        public void CredentialNeverPrintsItsSecret()
        {
            var c = Credential.Query("appSecret", "app_secret", "s3cret");
            StringAssert.DoesNotContain("s3cret", c.ToString());
            Assert.IsNull(Credential.Bearer("bearerAuth", string.Empty));
        }
    }
}
