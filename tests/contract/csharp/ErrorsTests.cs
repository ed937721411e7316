// Error paths through the SDK's typed exceptions: 400, 401, 404, 409, 415, 422, 501, each a
// problem document with the request id.
namespace Contract
{
    using System;
    using System.Linq;
    using NUnit.Framework;
    using VideoTranscriber;
    using VideoTranscriber.Core;

    [TestFixture]
    public class ErrorsTests
    {
        [Test]
        public void Error401BadKey()
        {
            foreach (var key in new[] { "vt_live_" + new string('0', 32), "not-a-key" })
            {
                var bad = H.WithKey(key);
                var err = H.Throws<AuthenticationException>(() => bad.Sessions.ListAsync());
                H.CheckProblem(err, 401);
                Assert.IsTrue(err.Response.Header("WWW-Authenticate").StartsWith("Bearer"));
            }
        }

        [Test]
        public void Error404UnknownSession()
        {
            var client = H.Live();
            var missing = Guid.NewGuid().ToString();
            H.CheckProblem(H.Throws<NotFoundException>(() => client.Sessions.GetAsync(missing)), 404);
            H.CheckProblem(H.Throws<NotFoundException>(() => client.Sessions.TranscriptAsync(missing)), 404);
        }

        [Test]
        public void RefusedUploadsGetTheAnswer()
        {
            var client = H.Live();
            var media = H.Clips();
            var s = H.Run(() => client.Sessions.CreateAsync(new SessionsCreateParams { Name = "refused uploads" }));
            var bad = H.WithKey("vt_live_" + new string('0', 32));
            var err = H.Throws<AuthenticationException>(() =>
                bad.Sessions.UploadAsync(s.Id, new SessionsUploadParams { Video = UploadFile.FromPath(media.Wav) }));
            H.CheckProblem(err, 401);
            var missing = H.Throws<NotFoundException>(() =>
                client.Sessions.UploadAsync(Guid.NewGuid().ToString(), new SessionsUploadParams { Video = UploadFile.FromPath(media.Wav) }));
            H.CheckProblem(missing, 404);
        }

        [Test]
        public void Error422NamesTheField()
        {
            var client = H.Live();
            var e1 = H.Throws<UnprocessableEntityException>(() => client.Sessions.CreateAsync(new SessionsCreateParams { Name = string.Empty }));
            CollectionAssert.Contains(H.Fields(e1), "name");

            // The required name left out: sent as null, which the server refuses naming it.
            var e2 = H.Throws<UnprocessableEntityException>(() => client.Sessions.CreateAsync(new SessionsCreateParams()));
            CollectionAssert.Contains(H.Fields(e2), "name");

            var e3 = H.Throws<UnprocessableEntityException>(() => client.Sessions.CreateAsync(new SessionsCreateParams
            {
                Name = "x",
                Metadata = new System.Collections.Generic.Dictionary<string, string> { { "team", new string('v', 501) } },
            }));
            CollectionAssert.Contains(H.Fields(e3), "metadata.team");

            var s = H.Run(() => client.Sessions.CreateAsync(new SessionsCreateParams { Name = "invalid transcription options" }));
            var e4 = H.Throws<UnprocessableEntityException>(() => client.Sessions.TranscribeAsync(s.Id, new SessionsTranscribeParams { Language = "not a language" }));
            CollectionAssert.Contains(H.Fields(e4), "language");
            var e5 = H.Throws<UnprocessableEntityException>(() => client.Sessions.TranscribeAsync(s.Id, new SessionsTranscribeParams()));
            CollectionAssert.Contains(H.Fields(e5), "language");
        }

        [Test]
        public void Error400NamesTheQueryParameter()
        {
            var client = H.Live();
            var e1 = H.Throws<BadRequestException>(() => client.Sessions.ListAsync(new SessionsListParams { Limit = 0 }));
            CollectionAssert.Contains(H.Fields(e1, 400), "limit");
            var e2 = H.Throws<BadRequestException>(() => client.Sessions.ListAsync(new SessionsListParams { Cursor = "not-a-cursor" }));
            CollectionAssert.Contains(H.Fields(e2, 400), "cursor");
        }

        [Test]
        public void Error409BeforeUpload()
        {
            var client = H.Live();
            var s = H.Run(() => client.Sessions.CreateAsync(new SessionsCreateParams { Name = "nothing uploaded" }));
            H.CheckProblem(H.Throws<ConflictException>(() => client.Sessions.TranscribeAsync(s.Id, new SessionsTranscribeParams { Language = "en" })), 409);
            H.CheckProblem(H.Throws<ConflictException>(() => client.Sessions.TranscriptionAsync(s.Id)), 409);
            H.CheckProblem(H.Throws<ConflictException>(() => client.Sessions.CancelTranscriptionAsync(s.Id)), 409);
            H.CheckProblem(H.Throws<ConflictException>(() => client.Sessions.TranscriptAsync(s.Id)), 409);
            H.CheckProblem(H.Throws<ConflictException>(() => client.Sessions.AnalyticsAsync(s.Id)), 409);
            H.CheckProblem(H.Throws<ConflictException>(async () =>
            {
                using (var stream = await client.Sessions.ProgressAsync(s.Id))
                {
                    await stream.ToListAsync();
                }
            }), 409);
        }

        [Test]
        public void Error409SecondUpload()
        {
            var client = H.Live();
            var media = H.Clips();
            var s = H.Run(() => client.Sessions.CreateAsync(new SessionsCreateParams { Name = "uploaded twice" }));
            H.Run(() => client.Sessions.UploadAsync(s.Id, new SessionsUploadParams { Video = UploadFile.FromPath(media.Wav) }));
            var err = H.Throws<ConflictException>(() =>
                client.Sessions.UploadAsync(s.Id, new SessionsUploadParams { Video = UploadFile.FromPath(media.Wav) }));
            H.CheckProblem(err, 409);
        }

        [Test]
        public void Error415WebmOpusUpload()
        {
            var client = H.Live();
            var media = H.Clips();
            var s = H.Run(() => client.Sessions.CreateAsync(new SessionsCreateParams { Name = "opus in webm" }));
            var err = H.Throws<UnsupportedMediaTypeException>(() =>
                client.Sessions.UploadAsync(s.Id, new SessionsUploadParams { Video = UploadFile.FromPath(media.Webm) }));
            H.CheckProblem(err, 415);
            var after = H.Run(() => client.Sessions.GetAsync(s.Id));
            Assert.IsNull(after.Video);
            Assert.IsTrue(after.Status == SessionStatus.Created || after.Status == SessionStatus.Failed, after.Status.Value);
        }

        [Test]
        public void Error501NotImplemented()
        {
            var client = H.Live();
            var err = H.Throws<InternalServerException>(() => client.Webhooks.ListAsync());
            var problem = H.CheckProblem(err, 501);
            Assert.AreEqual(H.Problems + "not-implemented", problem.Type);
        }
    }
}
