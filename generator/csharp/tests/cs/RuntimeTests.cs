// Runtime tests of a generated C# SDK (spec/fixtures/ts_runtime.yaml and tests/fixtures/edge.yaml)
// against FakeServer: auth, retries with Retry-After, errors, pagination, SSE, uploads, forms,
// open enums, unions and absent-vs-null.
namespace RuntimeTests
{
    using System;
    using System.Collections.Generic;
    using System.Diagnostics;
    using System.Linq;
    using System.Threading.Tasks;
    using Newtonsoft.Json;
    using NUnit.Framework;
    using VideoTranscriber;
    using VideoTranscriber.Core;

    [TestFixture]
    public class ClientTests
    {
        private static VideoTranscriberClient Client(FakeServer server, int retries = 2)
        {
            return new VideoTranscriberClient(new ClientOptions { ApiKey = "sk_test", BaseUrl = server.Url, MaxRetries = retries });
        }

        private static T Run<T>(Func<Task<T>> f)
        {
            return f().GetAwaiter().GetResult();
        }

        private static TE Throws<TE>(Func<Task> f)
            where TE : Exception
        {
            try
            {
                f().GetAwaiter().GetResult();
            }
            catch (TE e)
            {
                return e;
            }
            catch (Exception e)
            {
                Assert.Fail("expected " + typeof(TE).Name + ", got " + e);
            }
            Assert.Fail("expected " + typeof(TE).Name);
            return null;
        }

        private const string SessionJson = "{\"id\":\"s1\",\"status\":\"ready\",\"title\":null,\"duration_ms\":9007199254740993}";

        [Test]
        public void CookieParametersGoInTheCookieHeader()
        {
            using (var server = new FakeServer(r => Reply.Json("{\"cookie\":null}")))
            {
                var prefs = new PreferencesRetrieveParams { Theme = "dark mode; x", Ids = new List<long> { 1, 2 } };
                Run(() => Client(server).Preferences.RetrieveAsync(prefs));
                Assert.AreEqual("theme=dark%20mode%3B%20x; ids=1,2", server.Requests.Last().Headers["Cookie"]);
                Run(() => Client(server).Preferences.RetrieveAsync());
                Assert.IsFalse(server.Requests.Last().Headers.ContainsKey("Cookie"));
            }
        }

        [Test]
        public void SendsBearerKeyAndParsesModel()
        {
            using (var server = new FakeServer(r => Reply.Json(SessionJson)))
            {
                var s = Run(() => Client(server).Sessions.RetrieveAsync("a b"));
                Assert.AreEqual("s1", s.Id);
                Assert.AreEqual(SessionStatus.Ready, s.Status);
                Assert.IsNull(s.Title);
                Assert.AreEqual(9007199254740993L, s.DurationMs);
                var req = server.Requests.Single();
                Assert.AreEqual("Bearer sk_test", req.Headers["Authorization"]);
                Assert.AreEqual("/sessions/a%20b", req.Path.Replace("a b", "a%20b"));
                Assert.AreEqual("application/json", req.Headers["Accept"]);
            }
        }

        [Test]
        public void ApiKeyFromTheEnvironmentAndNoAuthOperations()
        {
            using (var server = new FakeServer(r => Reply.Json("{\"ok\":true}")))
            {
                Environment.SetEnvironmentVariable("VT_API_KEY", "from_env");
                Environment.SetEnvironmentVariable("VT_BASE_URL", server.Url);
                try
                {
                    var client = new VideoTranscriberClient();
                    Assert.AreEqual(server.Url, client.BaseUrl);
                    Run(() => client.Sessions.RetrieveRawAsync("x"));
                    Assert.AreEqual("Bearer from_env", server.Requests.Last().Headers["Authorization"]);
                    var health = Run(() => client.Health.RetrieveAsync());
                    Assert.AreEqual(true, health.Ok);
                    Assert.IsFalse(server.Requests.Last().Headers.ContainsKey("Authorization"));
                }
                finally
                {
                    Environment.SetEnvironmentVariable("VT_API_KEY", null);
                    Environment.SetEnvironmentVariable("VT_BASE_URL", null);
                }
            }
        }

        [Test]
        public void RetriesHonourRetryAfterAndKeepTheIdempotencyKey()
        {
            var calls = 0;
            using (var server = new FakeServer(r =>
            {
                calls++;
                if (calls == 1)
                {
                    var busy = Reply.Problem(503, "busy");
                    busy.Headers["Retry-After"] = "1";
                    return busy;
                }
                if (calls == 2)
                {
                    return Reply.Problem(429, "slow down");
                }
                return Reply.Json(SessionJson, 201);
            }))
            {
                var watch = Stopwatch.StartNew();
                var s = Run(() => Client(server).Sessions.CreateAsync(new SessionsCreateParams { Title = "t" }));
                Assert.AreEqual("s1", s.Id);
                Assert.GreaterOrEqual(watch.ElapsedMilliseconds, 900, "Retry-After: 1 was not honoured");
                var reqs = server.Requests;
                Assert.AreEqual(3, reqs.Count);
                var key = reqs[0].Headers["Idempotency-Key"];
                Assert.IsFalse(string.IsNullOrEmpty(key));
                Assert.IsTrue(reqs.All(x => x.Headers["Idempotency-Key"] == key));
                Assert.AreEqual("{\"title\":\"t\"}", reqs[0].Body);
            }
        }

        [Test]
        public void DoesNotRetry409Or501AndGivesUpAfterMaxRetries()
        {
            foreach (var status in new[] { 409, 501 })
            {
                using (var server = new FakeServer(r => Reply.Problem(status, "no")))
                {
                    var e = Throws<ApiException>(() => Client(server).Sessions.RetrieveAsync("x"));
                    Assert.AreEqual(status, e.StatusCode);
                    Assert.AreEqual(1, server.Requests.Count);
                }
            }
            using (var server = new FakeServer(r =>
            {
                var reply = Reply.Problem(500, "boom");
                reply.Headers["Retry-After"] = "0";
                return reply;
            }))
            {
                var e = Throws<InternalServerException>(() => Client(server, 2).Sessions.RetrieveAsync("x"));
                Assert.AreEqual(3, server.Requests.Count);
                Assert.AreEqual(500, e.StatusCode);
            }
        }

        [Test]
        public void ErrorClassesCarryProblemRequestIdAndResponse()
        {
            var cases = new Dictionary<int, Type>
            {
                { 400, typeof(BadRequestException) },
                { 401, typeof(AuthenticationException) },
                { 403, typeof(PermissionDeniedException) },
                { 404, typeof(NotFoundException) },
                { 409, typeof(ConflictException) },
                { 415, typeof(UnsupportedMediaTypeException) },
                { 422, typeof(UnprocessableEntityException) },
                { 429, typeof(RateLimitException) },
                { 418, typeof(ClientErrorException) },
                { 503, typeof(InternalServerException) },
            };
            foreach (var c in cases)
            {
                using (var server = new FakeServer(r => Reply.Problem(c.Key, "title " + c.Key)))
                {
                    var e = Throws<ApiException>(() => Client(server, 0).Sessions.RetrieveAsync("x"));
                    Assert.AreEqual(c.Value, e.GetType());
                    Assert.AreEqual(c.Key, e.StatusCode);
                    Assert.AreEqual("req_" + c.Key, e.RequestId);
                    Assert.AreEqual("title " + c.Key, e.Problem.Title);
                    Assert.AreEqual(c.Key, e.Problem.Status);
                    Assert.AreEqual("name", (string)e.Problem.Extensions["errors"][0]["field"]);
                    StringAssert.StartsWith("application/problem+json", e.Response.ContentType);
                    Assert.IsTrue(c.Key < 500 ? e is ClientErrorException : e is ServerErrorException);
                }
            }
        }

        [Test]
        public void TimeoutsAndConnectionErrors()
        {
            using (var server = new FakeServer(r => new Reply { Body = SessionJson, DelayMs = 1500 }))
            {
                var client = Client(server, 0);
                var options = new RequestOptions { Timeout = TimeSpan.FromMilliseconds(200) };
                Throws<ApiTimeoutException>(() => client.Sessions.RetrieveAsync("x", options));
            }
            var dead = new VideoTranscriberClient(new ClientOptions { ApiKey = "k", BaseUrl = "http://127.0.0.1:9", MaxRetries = 1 });
            Throws<ApiConnectionException>(() => dead.Sessions.RetrieveAsync("x"));
        }

        [Test]
        public void CursorPaginationAndQueryStyles()
        {
            using (var server = new FakeServer(r =>
            {
                if (!r.Query.Contains("cursor="))
                {
                    return Reply.Json("{\"data\":[{\"id\":\"1\",\"status\":\"ready\"},{\"id\":\"2\",\"status\":\"pending\"}],\"next_cursor\":\"c2\"}");
                }
                if (r.Query.Contains("cursor=c2"))
                {
                    return Reply.Json("{\"data\":[{\"id\":\"3\",\"status\":\"archived\"}],\"next_cursor\":\"c3\"}");
                }
                return Reply.Json("{\"data\":[],\"next_cursor\":null}");
            }))
            {
                var p = new SessionsListParams
                {
                    Limit = 2,
                    Created = new Dictionary<string, long> { { "gt", 5 } },
                    Labels = new Dictionary<string, string> { { "team", "a" } },
                };
                var all = Run(() => Client(server).Sessions.ListAutoPaging(p).ToListAsync());
                CollectionAssert.AreEqual(new[] { "1", "2", "3" }, all.Select(s => s.Id).ToArray());
                Assert.AreEqual("archived", all[2].Status.Value);
                var first = Uri.UnescapeDataString(server.Requests[0].Query);
                StringAssert.Contains("created[gt]=5", first);
                StringAssert.Contains("team=a", first);
                StringAssert.Contains("limit=2", first);

                var page = Run(() => Client(server).Sessions.ListAsync(p));
                Assert.AreEqual(2, page.Items.Count);
                Assert.IsTrue(page.HasNextPage);
                Assert.AreEqual("c2", page.Data.NextCursor);
                var pages = Run(() => page.Pages().ToListAsync());
                Assert.AreEqual(3, pages.Count);
                Assert.IsFalse(pages.Last().HasNextPage);
            }
        }

        [Test]
        public void ServerSentEvents()
        {
            var body = ": comment\n\nevent: progress\nid: 1\ndata: {\"percent\": 10,\n data: \"stage\": \"a\"}\n\nevent: progress\nid: 2\ndata: {\"percent\": 100}\n\n";
            using (var server = new FakeServer(r => new Reply { ContentType = "text/event-stream", Body = body.Replace("\n data:", "\ndata:") }))
            {
                var client = Client(server);
                using (var stream = Run(() => client.Sessions.StreamProgressAsync("s1")))
                {
                    var events = Run(() => stream.ToListAsync());
                    CollectionAssert.AreEqual(new long[] { 10, 100 }, events.Select(e => e.Percent).ToArray());
                    Assert.AreEqual("a", events[0].Stage);
                }
                Assert.AreEqual("text/event-stream", server.Requests.Last().Headers["Accept"]);
                using (var stream = Run(() => client.Sessions.StreamProgressAsync("s1")))
                {
                    var raw = Run(() => stream.ReadAllEventsAsync());
                    Assert.AreEqual(2, raw.Count);
                    Assert.AreEqual("progress", raw[0].Event);
                    Assert.AreEqual("1", raw[0].Id);
                    Assert.AreEqual("{\"percent\": 10,\n\"stage\": \"a\"}", raw[0].Data);
                }
            }
        }

        [Test]
        public void MultipartUploadAndUrlEncodedForms()
        {
            using (var server = new FakeServer(r => Reply.Json(r.Path.EndsWith("/upload")
                ? "{\"bytes\":5,\"filename\":\"clip.mp4\",\"purpose\":\"test\"}"
                : "{\"access_token\":\"tok\"}")))
            {
                var client = Client(server);
                var result = Run(() => client.Sessions.UploadVideoAsync("s1", new SessionsUploadVideoParams
                {
                    File = UploadFile.FromBytes(new byte[] { 1, 2, 3, 4, 5 }, "clip.mp4"),
                    Purpose = "test",
                }));
                Assert.AreEqual(5, result.Bytes);
                var req = server.Requests.Last();
                StringAssert.StartsWith("multipart/form-data", req.Headers["Content-Type"]);
                StringAssert.Contains("name=\"file\"; filename=\"clip.mp4\"", req.Body);
                StringAssert.Contains("Content-Type: video/mp4", req.Body);
                StringAssert.Contains("name=\"purpose\"", req.Body);

                var token = Run(() => client.Tokens.CreateAsync(new TokensCreateParams { GrantType = "client_credentials", Scope = new List<string> { "a", "b" } }));
                Assert.AreEqual("tok", token.AccessToken);
                var form = server.Requests.Last();
                StringAssert.StartsWith("application/x-www-form-urlencoded", form.Headers["Content-Type"]);
                Assert.AreEqual("grant_type=client_credentials&scope=a&scope=b", form.Body);
            }
        }

        [Test]
        public void TextAndBinaryResponsesAreNotParsedAsJson()
        {
            using (var server = new FakeServer(r => r.Path.EndsWith(".vtt")
                ? new Reply { ContentType = "text/vtt", Body = "WEBVTT\n\n00:00.000 --> 00:01.000\nhi\n" }
                : new Reply { ContentType = "video/mp4", Body = "MP4!" }))
            {
                var client = Client(server);
                var vtt = Run(() => client.Sessions.GetTranscriptVttAsync("s1"));
                StringAssert.StartsWith("WEBVTT", vtt);
                Assert.AreEqual("text/vtt", server.Requests.Last().Headers["Accept"]);
                var bytes = Run(() => client.Sessions.DownloadVideoAsync("s1"));
                Assert.AreEqual("MP4!", System.Text.Encoding.ASCII.GetString(bytes));
            }
        }

        [Test]
        public void BinaryBodiesGoAsTheDeclaredMediaType()
        {
            Func<UploadFile, string, string> sent = (file, declared) =>
            {
                var request = new ApiRequest("PUT", "/x");
                request.SetBinaryBody(file, declared);
                return request.Content().Headers.ContentType.ToString();
            };
            var data = new byte[] { 1, 2, 3 };
            Assert.AreEqual("image/jpeg", sent(UploadFile.FromBytes(data, "file"), "image/jpeg"));
            Assert.AreEqual("image/jpeg", sent(UploadFile.FromBytes(data, "photo.png"), "image/jpeg"));
            Assert.AreEqual("image/png", sent(UploadFile.FromBytes(data, "photo.png"), "image/*"));
            Assert.AreEqual("image/gif", sent(UploadFile.FromBytes(data, "file", "image/gif"), "image/jpeg"));
        }

        [Test]
        public void ContentHeadersOfBodilessRequestsAreSent()
        {
            using (var server = new FakeServer(r => new Reply { Status = 204 }))
            {
                var client = Client(server);
                var options = new RequestOptions();
                options.Headers["Content-Range"] = "bytes 0-9/100";
                Run(async () =>
                {
                    await client.Sessions.DeleteAsync("s1", options);
                    return 0;
                });
                Assert.AreEqual("DELETE", server.Requests.Last().Method);
                Assert.AreEqual("bytes 0-9/100", server.Requests.Last().Headers["Content-Range"]);
            }
        }

        [Test]
        public void AbsentIsNotSentAndNullIsSentAsNull()
        {
            using (var server = new FakeServer(r => Reply.Json(SessionJson)))
            {
                var client = Client(server);
                Run(() => client.Sessions.UpdateAsync("s1", new SessionsUpdateParams { Title = null }));
                Assert.AreEqual("{\"title\":null}", server.Requests.Last().Body);
                Run(() => client.Sessions.UpdateAsync("s1", new SessionsUpdateParams { Language = "en" }));
                Assert.AreEqual("{\"language\":\"en\"}", server.Requests.Last().Body);
                Assert.AreEqual("PATCH", server.Requests.Last().Method);
            }
        }

        [Test]
        public void ResponsesAreReadLeniently()
        {
            var r = JsonConvert.DeserializeObject<UploadResult>("{\"bytes\":null,\"filename\":\"f\",\"purpose\":7}", Json.Settings);
            Assert.AreEqual(0, r.Bytes);
            Assert.AreEqual("f", r.Filename);
            Assert.AreEqual("7", r.Purpose);
        }

        [Test]
        public void OpenEnumsRoundTripUnknownValues()
        {
            var s = JsonConvert.DeserializeObject<Session>("{\"id\":\"x\",\"status\":\"archived\",\"extra\":1}", Json.Settings);
            Assert.AreEqual("archived", s.Status.Value);
            Assert.AreNotEqual(SessionStatus.Ready, s.Status);
            var back = Json.Serialize(s);
            StringAssert.Contains("\"status\":\"archived\"", back);
            StringAssert.Contains("\"extra\":1", back);
            SessionStatus fromString = "ready";
            Assert.AreEqual(SessionStatus.Ready, fromString);
            Assert.IsTrue(fromString == SessionStatus.Ready);
        }
    }

    [TestFixture]
    public class EdgeTests
    {
        [Test]
        public void DiscriminatedUnionsPickTheVariant()
        {
            var pets = JsonConvert.DeserializeObject<List<EdgeCases.Pet>>(
                "[{\"pet_type\":\"cat\",\"meows\":true},{\"pet_type\":\"dog\",\"barks\":3},{\"pet_type\":\"fish\",\"fins\":2}]",
                Json.Settings);
            Assert.IsTrue(pets[0] is EdgeCases.Pet.Cat cat && cat.Value.Meows);
            Assert.IsTrue(pets[1] is EdgeCases.Pet.Dog dog && dog.Value.Barks == 3);
            Assert.IsInstanceOf<EdgeCases.Pet.Unknown>(pets[2]);
            var back = EdgeCases.Core.Json.Serialize(pets);
            Assert.AreEqual("[{\"pet_type\":\"cat\",\"meows\":true},{\"pet_type\":\"dog\",\"barks\":3},{\"pet_type\":\"fish\",\"fins\":2}]", back);
        }

        [Test]
        public void UnionsWithoutDiscriminatorMatchByShape()
        {
            var thing = JsonConvert.DeserializeObject<EdgeCases.Thing>(
                "{\"id\":\"t\",\"class\":\"c\",\"2fa\":true,\"nullable_required\":null,\"shape\":{\"side\":2},\"scalar\":[\"a\"],\"color\":\"purple\",\"level\":7,\"Thing\":\"named\",\"tree\":{\"name\":\"root\",\"children\":[{\"name\":\"leaf\"}]},\"created\":\"2024-01-02T03:04:05Z\"}",
                Json.Settings);
            Assert.IsInstanceOf<EdgeCases.Shape.ShapeSquare>(thing.Shape);
            Assert.IsInstanceOf<EdgeCases.Scalar.TextList>(thing.Scalar);
            Assert.AreEqual("purple", thing.Color.Value);
            Assert.AreEqual("7", thing.Level.Value);
            Assert.AreEqual("named", thing.Thing2);
            Assert.IsTrue(thing._2fa);
            Assert.IsNull(thing.NullableRequired);
            Assert.AreEqual("leaf", thing.Tree.Children[0].Name);
            Assert.AreEqual(2024, thing.Created.Value.Year);
            var back = EdgeCases.Core.Json.Serialize(thing);
            StringAssert.Contains("\"level\":7", back);
            StringAssert.Contains("\"nullable_required\":null", back);
            StringAssert.DoesNotContain("optional_nullable", back);
            EdgeCases.Scalar implicitText = "abc";
            Assert.IsInstanceOf<EdgeCases.Scalar.Text>(implicitText);
            var scalar = JsonConvert.DeserializeObject<EdgeCases.Scalar>("42", Json.Settings);
            Assert.IsTrue(scalar is EdgeCases.Scalar.Long l && l.Value == 42);
        }

        [Test]
        public void CompanionsAskForTheOtherMediaTypesOfAJsonAnswer()
        {
            using (var server = new FakeServer(r => r.Method == "POST"
                ? new Reply { ContentType = "text/csv", Body = "a,b\n1,2\n" }
                : new Reply { ContentType = "application/pdf", Body = "%PDF-1.7" }))
            {
                var client = new EdgeCases.EdgeCasesClient(new EdgeCases.Core.ClientOptions { ApiKey = "k1", BaseUrl = server.Url });
                var csv = client.Reports.CreateTextAsync(new EdgeCases.ReportsCreateParams { Color = EdgeCases.Color.Red }).GetAwaiter().GetResult();
                Assert.AreEqual("a,b\n1,2\n", csv);
                var post = server.Requests.Last();
                Assert.AreEqual("text/csv", post.Headers["Accept"]);
                Assert.AreEqual("k1", post.Headers["X-Api-Key"]);
                StringAssert.Contains("\"color\":\"red\"", post.Body);
                var pdf = client.Reports.RetrieveBytesAsync("r 1", new EdgeCases.ReportsRetrieveParams { Level = EdgeCases.Level.Value2 }).GetAwaiter().GetResult();
                Assert.AreEqual("%PDF-1.7", System.Text.Encoding.ASCII.GetString(pdf));
                var get = server.Requests.Last();
                Assert.AreEqual("application/pdf", get.Headers["Accept"]);
                Assert.AreEqual("GET", get.Method);
                StringAssert.Contains("level=2", get.Query);
                StringAssert.EndsWith("/reports/r%201", get.Path);
            }
        }

        [Test]
        public void AnApiKeyHeaderScheme()
        {
            using (var server = new FakeServer(r => Reply.Json("{\"pet_type\":\"dog\",\"barks\":1}")))
            {
                var client = new EdgeCases.EdgeCasesClient(new EdgeCases.Core.ClientOptions { ApiKey = "k1", BaseUrl = server.Url });
                var pet = client.Pets.CreateAsync(new EdgeCases.PetsCreateParams { Body = new EdgeCases.Dog { Barks = 1 } }).GetAwaiter().GetResult();
                Assert.IsInstanceOf<EdgeCases.Pet.Dog>(pet);
                var req = server.Requests.Single();
                Assert.AreEqual("k1", req.Headers["X-Api-Key"]);
                Assert.AreEqual("{\"pet_type\":\"dog\",\"barks\":1}", req.Body);
            }
        }
    }
}
