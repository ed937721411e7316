// Runs the docs samples of `Samples.cs` against a mock server (`cargo xtask corpus --wire`).
//
// Usage: mono wire.exe LIMIT SECONDS. Compiled by xtask (wire_csharp.rs) with the SDK's
// sources and the samples program into one executable, after a first line that names the
// SDK's runtime namespace: `using WireCore = <Namespace>.Core;`. The samples' set-up builds
// the client (its base URL and credentials from the environment) and hands it to
// `Runner.Client`; each sample then runs alone, invoked by reflection with a timeout, and
// one line per sample goes to stdout: `WIRE {"index": i, "outcome": ok|rejected|parse|error,
// ...}`. A sample is done when its call returned or it printed its first result (Console.Out
// throws `Printed` at its first write: one page, one event), so a paginated list never walks
// more pages than the first. The SDK reads responses leniently (a property whose value does
// not fit its type is left unset, a union that fits no variant is kept as its unknown
// variant); the runner hooks the JSON settings' error handler, so such a response is
// reported as `parse`, as is one that does not parse at all.

namespace SdkgenWire
{
    using System;
    using System.Collections.Generic;
    using System.IO;
    using System.Linq;
    using System.Reflection;
    using System.Text;
    using System.Threading.Tasks;

    /// <summary>A sample printed its first result.</summary>
    public sealed class Printed : Exception
    {
    }

    /// <summary>The Console.Out of a sample: its first write ends the sample.</summary>
    public sealed class StopAtPrint : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => throw new Printed();

        public override void Write(string value) => throw new Printed();

        public override void Write(char[] buffer, int index, int count) => throw new Printed();

        public override void WriteLine() => throw new Printed();

        public override void WriteLine(string value) => throw new Printed();
    }

    public static class Runner
    {
        /// <summary>The client the samples' set-up built.</summary>
        public static object Client;

        /// <summary>The first JSON error of the current call (path and message), or null.</summary>
        private static string _mismatch;

        private static readonly object Lock = new object();

        public static int Main(string[] args)
        {
            var limit = int.Parse(args[0]);
            var seconds = int.Parse(args[1]);
            var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false));
            stdout.AutoFlush = true;
            HookJson();
            global::Samples.Setup();
            if (Client == null)
            {
                Console.Error.WriteLine("the samples' set-up built no client");
                return 2;
            }
            Console.SetOut(new StopAtPrint());
            var found = new List<KeyValuePair<int, MethodInfo>>();
            foreach (var m in typeof(global::Samples).GetMethods(BindingFlags.Public | BindingFlags.Static))
            {
                int index;
                if (m.Name.StartsWith("Sample", StringComparison.Ordinal) && int.TryParse(m.Name.Substring(6), out index))
                {
                    found.Add(new KeyValuePair<int, MethodInfo>(index, m));
                }
            }
            found.Sort((a, b) => a.Key.CompareTo(b.Key));
            if (limit > 0 && found.Count > limit)
            {
                found = found.GetRange(0, limit);
            }
            foreach (var pair in found)
            {
                var result = Call(pair.Value, seconds);
                result.Insert(0, new KeyValuePair<string, object>("index", pair.Key));
                stdout.WriteLine("WIRE " + Line(result));
            }
            stdout.Flush();
            // Calls that ran out of time may still be pending; they must not hold the process.
            Environment.Exit(0);
            return 0;
        }

        /// <summary>Records every error the SDK's JSON settings see, handled or not.</summary>
        private static void HookJson()
        {
            var settings = WireCore.Json.Settings;
            var lenient = settings.Error;
            settings.Error = (sender, e) =>
            {
                Record(e);
                if (lenient != null)
                {
                    lenient(sender, e);
                }
            };
            WireCore.Json.Serializer.Error += (sender, e) => Record(e);
        }

        private static void Record(Newtonsoft.Json.Serialization.ErrorEventArgs e)
        {
            lock (Lock)
            {
                if (_mismatch == null)
                {
                    var path = e.ErrorContext.Path;
                    _mismatch = (string.IsNullOrEmpty(path) ? "" : path + ": ") + e.ErrorContext.Error.Message;
                }
            }
        }

        private static List<KeyValuePair<string, object>> Call(MethodInfo method, int seconds)
        {
            var result = new List<KeyValuePair<string, object>>();
            Action<string, object> put = (k, v) => result.Add(new KeyValuePair<string, object>(k, v));
            lock (Lock)
            {
                _mismatch = null;
            }
            Exception error = null;
            try
            {
                var task = (Task)method.Invoke(null, new[] { Client });
                if (!task.Wait(TimeSpan.FromSeconds(seconds)))
                {
                    put("outcome", "error");
                    put("error", "no answer within " + seconds + "s");
                    return result;
                }
            }
            catch (Exception e)
            {
                error = Unwrap(e);
            }
            string mismatch;
            lock (Lock)
            {
                mismatch = _mismatch;
            }
            if (error == null || error is Printed)
            {
                if (mismatch != null)
                {
                    put("outcome", "parse");
                    put("error", Clip("the response did not fit the SDK's types (read leniently): " + mismatch));
                }
                else
                {
                    put("outcome", "ok");
                }
            }
            else if (error is WireCore.ApiException api)
            {
                put("outcome", "rejected");
                put("status", api.StatusCode);
                put("violations", Clip(api.Response.Header("sl-violations") ?? ""));
                put("body", Clip(api.Body ?? ""));
            }
            else if (error is Newtonsoft.Json.JsonException)
            {
                put("outcome", "parse");
                put("error", Clip(Describe(error)));
            }
            else
            {
                put("outcome", "error");
                put("error", Clip(Describe(error)));
            }
            return result;
        }

        private static Exception Unwrap(Exception e)
        {
            while (true)
            {
                if (e is TargetInvocationException && e.InnerException != null)
                {
                    e = e.InnerException;
                }
                else if (e is AggregateException agg && agg.InnerExceptions.Count == 1)
                {
                    e = agg.InnerExceptions[0];
                }
                else
                {
                    return e;
                }
            }
        }

        private static string Describe(Exception e)
        {
            var text = e.GetType().Name + ": " + e.Message;
            for (var inner = e.InnerException; inner != null; inner = inner.InnerException)
            {
                text += " (" + inner.GetType().Name + ": " + inner.Message + ")";
            }
            return text;
        }

        private static string Clip(string text)
        {
            var t = string.Join(" ", text.Split((char[])null, StringSplitOptions.RemoveEmptyEntries));
            return t.Length <= 600 ? t : t.Substring(0, 600) + "...";
        }

        private static string Line(List<KeyValuePair<string, object>> fields)
        {
            var sb = new StringBuilder("{");
            var first = true;
            foreach (var f in fields)
            {
                if (!first)
                {
                    sb.Append(", ");
                }
                first = false;
                Quote(sb, f.Key);
                sb.Append(": ");
                if (f.Value is int n)
                {
                    sb.Append(n);
                }
                else
                {
                    Quote(sb, Convert.ToString(f.Value));
                }
            }
            return sb.Append('}').ToString();
        }

        private static void Quote(StringBuilder sb, string s)
        {
            sb.Append('"');
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                if (c == '"' || c == '\\')
                {
                    sb.Append('\\').Append(c);
                }
                else if (c == '\n')
                {
                    sb.Append("\\n");
                }
                else if (c < 0x20)
                {
                    sb.Append("\\u").Append(((int)c).ToString("x4"));
                }
                else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    sb.Append(c).Append(s[i + 1]);
                    i++;
                }
                else if (char.IsSurrogate(c))
                {
                    sb.Append('\uFFFD');
                }
                else
                {
                    sb.Append(c);
                }
            }
            sb.Append('"');
        }
    }
}
