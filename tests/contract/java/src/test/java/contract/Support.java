package contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.videotranscriber.VideoTranscriberClient;
import com.videotranscriber.core.ApiException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Shared by the contract tests: clients from the environment, media made at test time. */
final class Support {
  static final String PROBLEMS = "https://videotranscriber.dev/problems/";
  // tiny.en gets these through reliably under greedy decoding (conventions/whisper.md).
  static final String SENTENCE =
      "The transcription works. The quick brown fox jumps over the lazy dog.";
  static final List<String> ROBUST_PHRASES = List.of("transcription works", "lazy dog");

  private static Path wav;
  private static Path mp4;
  private static Path webm;

  private Support() {}

  static String env(String name) {
    String value = System.getenv(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException(
          name + " is not set: run the contract tests with `cargo xtask contract`");
    }
    return value;
  }

  static String baseUrl() {
    return env("VT_BASE_URL");
  }

  /** The live client: key and URL from VT_API_KEY / VT_BASE_URL, no retries. */
  static VideoTranscriberClient live() {
    env("VT_API_KEY");
    return VideoTranscriberClient.builder()
        .maxRetries(0)
        .timeout(Duration.ofSeconds(120))
        .build();
  }

  static VideoTranscriberClient sandbox() {
    return VideoTranscriberClient.builder()
        .apiKey(env("VT_TEST_API_KEY"))
        .maxRetries(0)
        .timeout(Duration.ofSeconds(120))
        .build();
  }

  static VideoTranscriberClient withKey(String key) {
    return VideoTranscriberClient.builder().apiKey(key).baseUrl(baseUrl()).maxRetries(0).build();
  }

  /** Lower case, punctuation dropped, single spaces. */
  static String words(String text) {
    String cleaned = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9' ]+", " ");
    return Arrays.stream(cleaned.split("\\s+"))
        .filter(w -> !w.isEmpty())
        .collect(Collectors.joining(" "));
  }

  private static void run(String... args) {
    try {
      Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (p.waitFor() != 0) {
        fail(String.join(" ", args) + " failed: " + new String(out));
      }
    } catch (IOException e) {
      fail(args[0] + " is needed (tools/setup.sh installs it): " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(e);
    }
  }

  /** speech.wav (espeak-ng), clip.mp4 (black video + AAC), clip.webm (Opus), made once. */
  static synchronized void makeMedia() throws IOException {
    if (wav != null) {
      return;
    }
    Path dir = Files.createTempDirectory("vt-contract-java-");
    Path w = dir.resolve("speech.wav");
    Path m = dir.resolve("clip.mp4");
    Path o = dir.resolve("clip.webm");
    run("espeak-ng", "-s", "150", "-w", w.toString(), SENTENCE);
    List<String> ff = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-loglevel", "error"));
    List<String> video = new ArrayList<>(ff);
    video.addAll(List.of("-f", "lavfi", "-i", "color=c=black:s=160x120:r=10", "-i", w.toString()));
    video.addAll(List.of("-shortest", "-c:v", "mpeg4", "-c:a", "aac", "-b:a", "64k"));
    video.addAll(List.of("-movflags", "+faststart", m.toString()));
    run(video.toArray(new String[0]));
    List<String> opus = new ArrayList<>(ff);
    opus.addAll(List.of("-i", w.toString(), "-c:a", "libopus", "-b:a", "32k", o.toString()));
    run(opus.toArray(new String[0]));
    wav = w;
    mp4 = m;
    webm = o;
  }

  static Path wav() throws IOException {
    makeMedia();
    return wav;
  }

  static Path mp4() throws IOException {
    makeMedia();
    return mp4;
  }

  static Path webm() throws IOException {
    makeMedia();
    return webm;
  }

  /** Runs {@code call}, which must throw an {@link ApiException} of class {@code kind}. */
  static <E extends ApiException> E rejects(Class<E> kind, Runnable call) {
    try {
      call.run();
    } catch (ApiException e) {
      return assertInstanceOf(kind, e, "expected " + kind.getSimpleName() + ", got " + e);
    }
    return fail("expected " + kind.getSimpleName() + ", the call succeeded");
  }

  /** The error is an RFC 9457 problem with the status and the request id. */
  static JsonNode checkProblem(ApiException error, int status) {
    assertEquals(status, error.statusCode());
    assertTrue(error.requestId().isPresent(), "no X-Request-Id on the error response");
    String ctype = error.response().header("content-type").orElse("");
    assertTrue(ctype.startsWith("application/problem+json"), ctype);
    JsonNode body = error.body();
    assertTrue(body.isObject(), body.toString());
    assertEquals(status, body.get("status").asInt());
    assertFalse(error.title().orElse("").isEmpty());
    assertTrue(error.type().orElse("").startsWith(PROBLEMS), error.type().toString());
    assertEquals(URI.create(error.response().url()).getPath(), error.instance().orElse(""));
    return body;
  }

  /** The fields a problem's {@code errors} name (422 for bodies, 400 for query parameters). */
  static List<String> fields(ApiException error, int status) {
    checkProblem(error, status);
    JsonNode errors = error.errors();
    assertTrue(errors.isArray() && errors.size() > 0, error.body().toString());
    List<String> out = new ArrayList<>();
    for (JsonNode e : errors) {
      assertFalse(e.path("message").asText().isEmpty());
      out.add(e.path("field").asText());
    }
    return out;
  }
}
