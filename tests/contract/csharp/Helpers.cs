// Contract tests of the generated C# SDK (sdks/csharp) against a running vtserver.
//
// `cargo xtask contract` starts the server on a fresh data directory, compiles these with mcs
// together with sdks/csharp/src, and runs them with nunit-console with VT_BASE_URL, VT_API_KEY
// (live) and VT_TEST_API_KEY (test mode) set. The media is made here, at test time: espeak-ng
// speaks a sentence, ffmpeg muxes it with a black video track (as the Python conftest does).
namespace Contract
{
    using System;
    using System.Diagnostics;
    using System.IO;
    using System.Linq;
    using System.Text.RegularExpressions;
    using System.Threading.Tasks;
    using NUnit.Framework;
    using VideoTranscriber;
    using VideoTranscriber.Core;

    public static class H
    {
        // tiny.en gets these through reliably under greedy decoding (conventions/whisper.md).
        public const string Sentence = "The transcription works. The quick brown fox jumps over the lazy dog.";
        public static readonly string[] RobustPhrases = { "transcription works", "lazy dog" };
        public const string Problems = "https://videotranscriber.dev/problems/";

        private static Media _media;

        public static string Env(string name)
        {
            var value = Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrEmpty(value))
            {
                throw new InvalidOperationException(
                    name + " is not set: run the contract tests with `cargo xtask contract`, which starts vtserver and creates the keys");
            }
            return value;
        }

        public static string BaseUrl => Env("VT_BASE_URL");

        // Key and URL come from VT_API_KEY / VT_BASE_URL, as a user's would. No retries:
        // every status the server gives must be seen as it is.
        public static VideoTranscriberClient Live()
        {
            Env("VT_API_KEY");
            Env("VT_BASE_URL");
            return new VideoTranscriberClient(new ClientOptions { MaxRetries = 0, Timeout = TimeSpan.FromSeconds(120) });
        }

        public static VideoTranscriberClient TestMode()
        {
            return new VideoTranscriberClient(new ClientOptions
            {
                ApiKey = Env("VT_TEST_API_KEY"),
                MaxRetries = 0,
                Timeout = TimeSpan.FromSeconds(120),
            });
        }

        public static VideoTranscriberClient WithKey(string key)
        {
            return new VideoTranscriberClient(new ClientOptions { ApiKey = key, BaseUrl = BaseUrl, MaxRetries = 0 });
        }

        public static void Run(Func<Task> body)
        {
            body().GetAwaiter().GetResult();
        }

        public static T Run<T>(Func<Task<T>> body)
        {
            return body().GetAwaiter().GetResult();
        }

        /// <summary>Awaits a call that must fail with exactly the exception type T (or a subclass).</summary>
        public static T Throws<T>(Func<Task> call)
            where T : Exception
        {
            try
            {
                call().GetAwaiter().GetResult();
            }
            catch (T e)
            {
                return e;
            }
            catch (Exception e)
            {
                Assert.Fail("expected " + typeof(T).Name + ", got " + e.GetType().Name + ": " + e.Message);
            }
            Assert.Fail("expected " + typeof(T).Name + ", but the call succeeded");
            return null;
        }

        /// <summary>The error is an RFC 9457 problem with the status and the request id.</summary>
        public static ProblemDetails CheckProblem(ApiException err, int status)
        {
            Assert.AreEqual(status, err.StatusCode, err.Body);
            Assert.IsFalse(string.IsNullOrEmpty(err.RequestId), "no X-Request-Id on the error response");
            var ctype = err.Response.ContentType ?? string.Empty;
            Assert.IsTrue(ctype.StartsWith("application/problem+json"), ctype);
            Assert.IsNotNull(err.Problem);
            Assert.AreEqual(status, err.Problem.Status);
            Assert.IsFalse(string.IsNullOrEmpty(err.Problem.Title));
            Assert.IsTrue(err.Problem.Type != null && err.Problem.Type.StartsWith(Problems), err.Problem.Type);
            Assert.AreEqual(err.Response.Message.RequestMessage.RequestUri.AbsolutePath, err.Problem.Instance);
            return err.Problem;
        }

        /// <summary>The fields a problem's `errors` name (422 for bodies, 400 for query parameters).</summary>
        public static string[] Fields(ApiException err, int status = 422)
        {
            var problem = CheckProblem(err, status);
            Newtonsoft.Json.Linq.JToken errors;
            Assert.IsTrue(problem.Extensions.TryGetValue("errors", out errors), err.Body);
            var list = errors as Newtonsoft.Json.Linq.JArray;
            Assert.IsTrue(list != null && list.Count > 0, err.Body);
            return list.Select(e =>
            {
                Assert.IsFalse(string.IsNullOrEmpty((string)e["message"]), err.Body);
                return (string)e["field"];
            }).ToArray();
        }

        /// <summary>Lower case, punctuation dropped, single spaces: what phrases are matched against.</summary>
        public static string Words(string text)
        {
            var cleaned = Regex.Replace(text.ToLowerInvariant(), "[^a-z0-9' ]+", " ");
            return string.Join(" ", cleaned.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries));
        }

        public sealed class Media
        {
            public string Wav;
            public string Mp4;
            public string Webm;
        }

        /// <summary>speech.wav (espeak-ng), clip.mp4 (black video + AAC), clip.webm (Opus).</summary>
        public static Media Clips()
        {
            if (_media != null)
            {
                return _media;
            }
            var dir = Path.Combine(Path.GetTempPath(), "vt-csharp-media-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            var m = new Media
            {
                Wav = Path.Combine(dir, "speech.wav"),
                Mp4 = Path.Combine(dir, "clip.mp4"),
                Webm = Path.Combine(dir, "clip.webm"),
            };
            Exec("espeak-ng", "-s", "150", "-w", m.Wav, Sentence);
            Exec("ffmpeg", "-nostdin", "-y", "-loglevel", "error",
                "-f", "lavfi", "-i", "color=c=black:s=160x120:r=10",
                "-i", m.Wav,
                "-shortest", "-c:v", "mpeg4", "-c:a", "aac", "-b:a", "64k",
                "-movflags", "+faststart", m.Mp4);
            Exec("ffmpeg", "-nostdin", "-y", "-loglevel", "error",
                "-i", m.Wav, "-c:a", "libopus", "-b:a", "32k", m.Webm);
            _media = m;
            return m;
        }

        private static void Exec(string tool, params string[] args)
        {
            var info = new ProcessStartInfo(tool, string.Join(" ", args.Select(Quote)))
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            Process p;
            try
            {
                p = Process.Start(info);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException(tool + " is needed (tools/setup.sh installs it)", e);
            }
            var err = p.StandardError.ReadToEnd();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException(tool + " failed: " + err);
            }
        }

        private static string Quote(string a)
        {
            return "\"" + a.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
        }
    }
}
