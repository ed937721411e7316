package contract;

import static contract.Support.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.videotranscriber.VideoTranscriberClient;
import com.videotranscriber.core.ConflictException;
import com.videotranscriber.core.EventStream;
import com.videotranscriber.core.FileUpload;
import com.videotranscriber.core.RequestOptions;
import com.videotranscriber.core.Response;
import com.videotranscriber.core.ServerSentEvent;
import com.videotranscriber.models.ProgressEvent;
import com.videotranscriber.models.Segment;
import com.videotranscriber.models.Session;
import com.videotranscriber.models.SessionAnalytics;
import com.videotranscriber.models.SessionCreate;
import com.videotranscriber.models.SessionUploadRequest;
import com.videotranscriber.models.SessionsProgressParams;
import com.videotranscriber.models.SessionsTranscriptParams;
import com.videotranscriber.models.Transcript;
import com.videotranscriber.models.TranscriptFormat;
import com.videotranscriber.models.TranscriptionJob;
import com.videotranscriber.models.TranscriptionOptions;
import com.videotranscriber.models.VideoUpload;
import java.math.BigInteger;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The whole path a user takes: session, upload, transcribe, progress, transcript. */
class TranscriptionTest {
  private static final List<String> STAGES =
      List.of(
          "queued", "extracting_audio", "transcribing", "diarizing", "finalizing", "completed");
  private static final String SRT_TIME =
      "\\d\\d:\\d\\d:\\d\\d,\\d\\d\\d --> \\d\\d:\\d\\d:\\d\\d,\\d\\d\\d";
  private static final String VTT_TIME =
      "(\\d\\d:)?\\d\\d:\\d\\d\\.\\d\\d\\d --> (\\d\\d:)?\\d\\d:\\d\\d\\.\\d\\d\\d";

  private static Response export(VideoTranscriberClient client, String id, TranscriptFormat f) {
    SessionsTranscriptParams params = SessionsTranscriptParams.builder().format(f).build();
    return client.sessions().transcriptRaw(id, params, RequestOptions.none());
  }

  @Test
  void uploadTranscribeFollowProgressReadAndExport() throws Exception {
    VideoTranscriberClient client = Support.live();
    byte[] clip = Files.readAllBytes(Support.mp4());

    SessionCreate create =
        SessionCreate.builder()
            .name("contract: java sdk")
            .metadata(Map.of("suite", "java"))
            .build();
    Session session = client.sessions().create(create);
    String id = session.getId();
    assertEquals("session", session.getObject());
    assertEquals("created", session.getStatus().value());
    assertTrue(session.getLivemode());
    assertTrue(session.getVideo().isNull());
    assertEquals(Map.of("suite", "java"), session.getMetadata());

    FileUpload file = FileUpload.of(clip, "clip.mp4", "video/mp4");
    SessionUploadRequest body = SessionUploadRequest.builder().video(file).build();
    VideoUpload upload = client.sessions().upload(id, body);
    assertEquals(id, upload.getSessionId());
    assertEquals("clip.mp4", upload.getFilename());
    assertEquals(clip.length, upload.getSizeBytes().longValue());
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(clip);
    assertEquals(String.format("%064x", new BigInteger(1, digest)), upload.getChecksumSha256());
    assertTrue(upload.getDurationSeconds() > 2);

    Session uploaded = client.sessions().get(id);
    assertEquals("uploaded", uploaded.getStatus().value());
    assertEquals(upload.getId(), uploaded.getVideo().get().getId());

    TranscriptionOptions options = TranscriptionOptions.builder().language("en").build();
    TranscriptionJob job = client.sessions().transcribe(id, options);
    assertEquals(id, job.getSessionId());
    String status = job.getStatus().value();
    assertTrue(List.of("queued", "running", "completed").contains(status), status);
    assertEquals("en", job.getOptions().getLanguage());

    List<ProgressEvent> events = new ArrayList<>();
    try (EventStream<ProgressEvent> stream = client.sessions().progress(id)) {
      for (ProgressEvent e : stream) {
        events.add(e);
      }
    }
    assertFalse(events.isEmpty(), "the progress stream ended without an event");
    List<String> stages = new ArrayList<>();
    List<Integer> order = new ArrayList<>();
    List<Double> percents = new ArrayList<>();
    Set<String> jobs = new HashSet<>();
    Set<String> sessions = new HashSet<>();
    for (ProgressEvent e : events) {
      stages.add(e.getStage().value());
      order.add(STAGES.indexOf(e.getStage().value()));
      percents.add(e.getPercent());
      jobs.add(e.getJobId());
      sessions.add(e.getSessionId());
    }
    assertEquals("completed", stages.get(stages.size() - 1), stages.toString());
    assertFalse(order.contains(-1), stages.toString());
    List<Integer> sortedOrder = new ArrayList<>(order);
    sortedOrder.sort(null);
    assertEquals(sortedOrder, order, stages.toString());
    List<Double> sortedPercents = new ArrayList<>(percents);
    sortedPercents.sort(null);
    assertEquals(sortedPercents, percents);
    assertTrue(percents.stream().allMatch(p -> p >= 0 && p <= 100));
    assertEquals(100.0, percents.get(percents.size() - 1));
    assertEquals(Set.of(job.getId()), jobs);
    assertEquals(Set.of(id), sessions);

    // A new connection replays the latest event (its SSE `event:` name is the stage); resuming
    // after it with Last-Event-ID gives nothing more, and the stream ends.
    List<ServerSentEvent> replay = new ArrayList<>();
    try (EventStream<ProgressEvent> stream = client.sessions().progress(id)) {
      stream.events().forEach(replay::add);
    }
    assertEquals(1, replay.size());
    assertEquals("completed", replay.get(0).event());
    String lastId = replay.get(0).id().orElse("");
    assertFalse(lastId.isEmpty());
    SessionsProgressParams resume = SessionsProgressParams.builder().lastEventId(lastId).build();
    try (EventStream<ProgressEvent> stream = client.sessions().progress(id, resume)) {
      for (ServerSentEvent e : stream.events()) {
        fail("unexpected " + e.data());
      }
    }

    TranscriptionJob done = client.sessions().transcription(id);
    assertEquals(job.getId(), done.getId());
    assertEquals("completed", done.getStatus().value());

    Transcript transcript = client.sessions().transcript(id);
    assertEquals(id, transcript.getSessionId());
    assertEquals("en", transcript.getLanguage());
    for (String phrase : Support.ROBUST_PHRASES) {
      assertTrue(Support.words(transcript.getText()).contains(phrase), transcript.getText());
    }
    assertFalse(transcript.getSegments().isEmpty());
    List<Double> starts = new ArrayList<>();
    for (Segment s : transcript.getSegments()) {
      starts.add(s.getStart());
      assertTrue(s.getEnd() >= s.getStart());
    }
    List<Double> sortedStarts = new ArrayList<>(starts);
    sortedStarts.sort(null);
    assertEquals(sortedStarts, starts);
    assertTrue(transcript.getDurationSeconds() > 2);

    // The SDK types the transcript as JSON; the text renderings are read raw.
    Response srt = export(client, id, TranscriptFormat.SRT);
    assertTrue(srt.header("content-type").orElse("").startsWith("application/x-subrip"));
    assertTrue(srt.header("x-request-id").isPresent());
    String srtText = srt.text();
    assertTrue(
        Pattern.compile("^1\\r?\\n" + SRT_TIME + "\\r?\\n\\S").matcher(srtText).find(), srtText);
    assertTrue(Support.words(srtText).contains("lazy dog"), srtText);
    Matcher cues = Pattern.compile("(?m)^(\\d+)\\r?\\n" + SRT_TIME).matcher(srtText);
    int n = 0;
    while (cues.find()) {
      n++;
      assertEquals(String.valueOf(n), cues.group(1));
    }
    assertTrue(n > 0);

    Response vtt = export(client, id, TranscriptFormat.VTT);
    assertTrue(vtt.header("content-type").orElse("").startsWith("text/vtt"));
    String vttText = vtt.text();
    assertTrue(vttText.startsWith("WEBVTT"), vttText);
    assertTrue(Pattern.compile("(?m)^" + VTT_TIME).matcher(vttText).find(), vttText);
    assertTrue(Support.words(vttText).contains("lazy dog"), vttText);

    Response txt = export(client, id, TranscriptFormat.TXT);
    assertTrue(txt.header("content-type").orElse("").startsWith("text/plain"));
    assertTrue(Support.words(txt.text()).contains("transcription works"));

    Session finished = client.sessions().get(id);
    assertEquals("completed", finished.getStatus().value());
    assertEquals("en", finished.getLanguage().get());

    SessionAnalytics analytics = client.sessions().analytics(id);
    assertEquals(id, analytics.getSessionId());
    assertTrue(analytics.getWordCount() >= 6);

    // A finished job cannot be cancelled, and the video cannot be replaced.
    rejects(ConflictException.class, () -> client.sessions().cancelTranscription(id));
    rejects(ConflictException.class, () -> client.sessions().upload(id, body));

    // The asynchronous form of a call.
    assertEquals(id, client.sessions().getAsync(id).get().getId());
  }
}
