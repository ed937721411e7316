// The whole path a user takes: session -> upload -> transcribe -> progress -> transcript.
namespace Contract
{
    using System;
    using System.Collections.Generic;
    using System.IO;
    using System.Linq;
    using System.Security.Cryptography;
    using System.Text.RegularExpressions;
    using NUnit.Framework;
    using VideoTranscriber;
    using VideoTranscriber.Core;

    [TestFixture]
    public class TranscriptionTests
    {
        private static readonly string[] Stages =
        {
            "queued", "extracting_audio", "transcribing", "diarizing", "finalizing", "completed",
        };

        private const string SrtTime = @"\d\d:\d\d:\d\d,\d\d\d --> \d\d:\d\d:\d\d,\d\d\d";
        private const string VttTime = @"(\d\d:)?\d\d:\d\d\.\d\d\d --> (\d\d:)?\d\d:\d\d\.\d\d\d";

        [Test]
        public void UploadTranscribeAndExport()
        {
            var client = H.Live();
            var clip = H.Clips().Mp4;
            var session = H.Run(() => client.Sessions.CreateAsync(new SessionsCreateParams
            {
                Name = "contract: csharp sdk",
                Metadata = new Dictionary<string, string> { { "suite", "csharp" } },
            }));
            Assert.AreEqual("session", session.Object);
            Assert.AreEqual(SessionStatus.Created, session.Status);
            Assert.IsTrue(session.Livemode);
            Assert.IsNull(session.Video);
            CollectionAssert.AreEqual(new Dictionary<string, string> { { "suite", "csharp" } }, session.Metadata);

            var upload = H.Run(() => client.Sessions.UploadAsync(session.Id, new SessionsUploadParams { Video = UploadFile.FromPath(clip) }));
            var bytes = File.ReadAllBytes(clip);
            Assert.AreEqual(session.Id, upload.SessionId);
            Assert.AreEqual("clip.mp4", upload.Filename);
            Assert.AreEqual(bytes.Length, upload.SizeBytes);
            using (var sha = SHA256.Create())
            {
                var hex = string.Concat(sha.ComputeHash(bytes).Select(b => b.ToString("x2")));
                Assert.AreEqual(hex, upload.ChecksumSha256);
            }
            Assert.Greater(upload.DurationSeconds, 2.0);

            var uploaded = H.Run(() => client.Sessions.GetAsync(session.Id));
            Assert.AreEqual("uploaded", uploaded.Status.Value);
            Assert.AreEqual(upload.Id, uploaded.Video.Id);

            var job = H.Run(() => client.Sessions.TranscribeAsync(session.Id, new SessionsTranscribeParams { Language = "en" }));
            Assert.AreEqual(session.Id, job.SessionId);
            CollectionAssert.Contains(new[] { "queued", "running", "completed" }, job.Status.Value);
            Assert.AreEqual("en", job.Options.Language);

            List<ProgressEvent> events;
            using (var stream = H.Run(() => client.Sessions.ProgressAsync(session.Id)))
            {
                events = H.Run(() => stream.ToListAsync());
            }
            Assert.IsNotEmpty(events, "the progress stream ended without an event");
            var stages = events.Select(e => e.Stage.Value).ToList();
            var joined = string.Join(",", stages);
            Assert.AreEqual("completed", stages.Last(), joined);
            Assert.IsTrue(stages.All(s => Stages.Contains(s)), joined);
            var order = stages.Select(s => Array.IndexOf(Stages, s)).ToList();
            CollectionAssert.AreEqual(order.OrderBy(x => x).ToList(), order, "stages out of order: " + joined);
            var percents = events.Select(e => e.Percent).ToList();
            CollectionAssert.AreEqual(percents.OrderBy(x => x).ToList(), percents, "percent decreased");
            Assert.IsTrue(percents.All(p => p >= 0 && p <= 100));
            Assert.AreEqual(100.0, percents.Last());
            CollectionAssert.AreEqual(new[] { job.Id }, events.Select(e => e.JobId).Distinct().ToList());
            CollectionAssert.AreEqual(new[] { session.Id }, events.Select(e => e.SessionId).Distinct().ToList());

            // A new connection replays the latest event (its SSE `event:` name is the stage);
            // resuming after it with Last-Event-ID gives nothing more, and the stream ends.
            List<ServerSentEvent> replay;
            using (var stream = H.Run(() => client.Sessions.ProgressAsync(session.Id)))
            {
                replay = H.Run(() => stream.ReadAllEventsAsync());
            }
            Assert.AreEqual(1, replay.Count);
            Assert.AreEqual("completed", replay[0].Event);
            Assert.IsFalse(string.IsNullOrEmpty(replay[0].Id));
            using (var stream = H.Run(() => client.Sessions.ProgressAsync(session.Id, new SessionsProgressParams { LastEventId = replay[0].Id })))
            {
                Assert.IsEmpty(H.Run(() => stream.ReadAllEventsAsync()));
            }

            var done = H.Run(() => client.Sessions.TranscriptionAsync(session.Id));
            Assert.AreEqual(job.Id, done.Id);
            Assert.AreEqual(TranscriptionJobStatus.Completed, done.Status);

            var transcript = H.Run(() => client.Sessions.TranscriptAsync(session.Id));
            Assert.AreEqual(session.Id, transcript.SessionId);
            Assert.AreEqual("en", transcript.Language);
            var text = H.Words(transcript.Text);
            foreach (var phrase in H.RobustPhrases)
            {
                StringAssert.Contains(phrase, text, transcript.Text);
            }
            Assert.IsNotEmpty(transcript.Segments);
            var starts = transcript.Segments.Select(s => s.Start).ToList();
            CollectionAssert.AreEqual(starts.OrderBy(x => x).ToList(), starts);
            Assert.IsTrue(transcript.Segments.All(s => s.End >= s.Start));
            Assert.Greater(transcript.DurationSeconds, 2.0);

            // The SDK types the transcript as JSON; the text renderings come through the raw twin.
            var srt = H.Run(() => client.Sessions.TranscriptRawAsync(session.Id, new SessionsTranscriptParams { Format = TranscriptFormat.Srt }));
            StringAssert.StartsWith("application/x-subrip", srt.ContentType);
            Assert.IsFalse(string.IsNullOrEmpty(srt.RequestId));
            var body = srt.Text;
            Assert.IsTrue(Regex.IsMatch(body, @"^1\r?\n" + SrtTime + @"\r?\n\S"), body);
            StringAssert.Contains("lazy dog", H.Words(body));
            var cues = Regex.Matches(body, @"^(\d+)\r?\n" + SrtTime, RegexOptions.Multiline).Cast<Match>().Select(m => m.Groups[1].Value).ToList();
            CollectionAssert.AreEqual(Enumerable.Range(1, cues.Count).Select(i => i.ToString()).ToList(), cues, body);

            var vtt = H.Run(() => client.Sessions.TranscriptRawAsync(session.Id, new SessionsTranscriptParams { Format = TranscriptFormat.Vtt }));
            StringAssert.StartsWith("text/vtt", vtt.ContentType);
            Assert.IsTrue(vtt.Text.StartsWith("WEBVTT"), vtt.Text);
            Assert.IsTrue(Regex.IsMatch(vtt.Text, "^" + VttTime, RegexOptions.Multiline), vtt.Text);
            StringAssert.Contains("lazy dog", H.Words(vtt.Text));

            var txt = H.Run(() => client.Sessions.TranscriptRawAsync(session.Id, new SessionsTranscriptParams { Format = TranscriptFormat.Txt }));
            StringAssert.StartsWith("text/plain", txt.ContentType);
            StringAssert.Contains("transcription works", H.Words(txt.Text));

            var finished = H.Run(() => client.Sessions.GetAsync(session.Id));
            Assert.AreEqual(SessionStatus.Completed, finished.Status);
            Assert.AreEqual("en", finished.Language);

            var analytics = H.Run(() => client.Sessions.AnalyticsAsync(session.Id));
            Assert.AreEqual(session.Id, analytics.SessionId);
            Assert.GreaterOrEqual(analytics.WordCount, 6);

            // A finished job cannot be cancelled, and the video cannot be replaced.
            H.Throws<ConflictException>(() => client.Sessions.CancelTranscriptionAsync(session.Id));
            H.Throws<ConflictException>(() => client.Sessions.UploadAsync(session.Id, new SessionsUploadParams { Video = UploadFile.FromPath(clip) }));
        }
    }
}
