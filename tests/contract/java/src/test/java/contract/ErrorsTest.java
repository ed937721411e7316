package contract;

import static contract.Support.checkProblem;
import static contract.Support.fields;
import static contract.Support.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.videotranscriber.VideoTranscriberClient;
import com.videotranscriber.core.ApiException;
import com.videotranscriber.core.AuthenticationException;
import com.videotranscriber.core.BadRequestException;
import com.videotranscriber.core.ConflictException;
import com.videotranscriber.core.FileUpload;
import com.videotranscriber.core.InternalServerException;
import com.videotranscriber.core.NotFoundException;
import com.videotranscriber.core.NotImplementedException;
import com.videotranscriber.core.UnprocessableEntityException;
import com.videotranscriber.core.UnsupportedMediaTypeException;
import com.videotranscriber.models.Session;
import com.videotranscriber.models.SessionCreate;
import com.videotranscriber.models.SessionUploadRequest;
import com.videotranscriber.models.SessionsListParams;
import com.videotranscriber.models.TranscriptionOptions;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Error paths through the SDK's typed exceptions, each a problem document with a request id. */
class ErrorsTest {
  private static final String ZERO_KEY = "vt_live_" + "0".repeat(32);

  private static Session create(VideoTranscriberClient client, String name) {
    return client.sessions().create(SessionCreate.builder().name(name).build());
  }

  private static SessionUploadRequest wavUpload() throws Exception {
    byte[] data = Files.readAllBytes(Support.wav());
    FileUpload video = FileUpload.of(data, "speech.wav", "audio/wav");
    return SessionUploadRequest.builder().video(video).build();
  }

  @Test
  void unauthorizedForABadKey() {
    for (String key : List.of(ZERO_KEY, "not-a-key")) {
      VideoTranscriberClient bad = Support.withKey(key);
      AuthenticationException e = rejects(AuthenticationException.class, () -> bad.sessions().list());
      checkProblem(e, 401);
      assertTrue(e.response().header("www-authenticate").orElse("").startsWith("Bearer"));
    }
  }

  @Test
  void notFoundForAnUnknownSession() {
    VideoTranscriberClient client = Support.live();
    String missing = UUID.randomUUID().toString();
    checkProblem(rejects(NotFoundException.class, () -> client.sessions().get(missing)), 404);
    checkProblem(
        rejects(NotFoundException.class, () -> client.sessions().transcript(missing)), 404);
  }

  @Test
  void uploadsRefusedBeforeTheirBodyIsReadStillGetTheAnswer() throws Exception {
    // The server answers before it reads the file; the client must see that answer, not a
    // connection reset while it is still sending.
    SessionUploadRequest body = wavUpload();
    VideoTranscriberClient bad = Support.withKey(ZERO_KEY);
    VideoTranscriberClient live = Support.live();
    Session s = create(live, "refused uploads");
    String other = UUID.randomUUID().toString();
    for (int i = 0; i < 3; i++) {
      checkProblem(
          rejects(AuthenticationException.class, () -> bad.sessions().upload(s.getId(), body)),
          401);
      checkProblem(rejects(NotFoundException.class, () -> live.sessions().upload(other, body)), 404);
    }
  }

  @Test
  void unprocessableNamesTheField() {
    VideoTranscriberClient client = Support.live();
    ApiException e =
        rejects(
            UnprocessableEntityException.class,
            () -> client.sessions().create(SessionCreate.builder().name("").build()));
    assertTrue(fields(e, 422).contains("name"));

    // A body without its required property, as the builder allows.
    e =
        rejects(
            UnprocessableEntityException.class,
            () -> client.sessions().create(SessionCreate.builder().build()));
    assertTrue(fields(e, 422).contains("name"));

    SessionCreate big =
        SessionCreate.builder().name("x").metadata(Map.of("team", "v".repeat(501))).build();
    e = rejects(UnprocessableEntityException.class, () -> client.sessions().create(big));
    assertTrue(fields(e, 422).contains("metadata.team"), fields(e, 422).toString());

    Session s = create(client, "invalid options");
    TranscriptionOptions bad = TranscriptionOptions.builder().language("not a language").build();
    e =
        rejects(
            UnprocessableEntityException.class,
            () -> client.sessions().transcribe(s.getId(), bad));
    assertTrue(fields(e, 422).contains("language"));
    TranscriptionOptions none = TranscriptionOptions.builder().build();
    e =
        rejects(
            UnprocessableEntityException.class,
            () -> client.sessions().transcribe(s.getId(), none));
    assertTrue(fields(e, 422).contains("language"));
  }

  @Test
  void badRequestNamesTheQueryParameter() {
    VideoTranscriberClient client = Support.live();
    SessionsListParams zero = SessionsListParams.builder().limit(0L).build();
    ApiException e = rejects(BadRequestException.class, () -> client.sessions().list(zero));
    assertTrue(fields(e, 400).contains("limit"));
    SessionsListParams cursor = SessionsListParams.builder().cursor("not-a-cursor").build();
    e = rejects(BadRequestException.class, () -> client.sessions().list(cursor));
    assertTrue(fields(e, 400).contains("cursor"));
  }

  @Test
  void conflictBeforeAnUpload() {
    VideoTranscriberClient client = Support.live();
    String id = create(client, "nothing uploaded").getId();
    TranscriptionOptions en = TranscriptionOptions.builder().language("en").build();
    List<Runnable> calls =
        List.of(
            () -> client.sessions().transcribe(id, en),
            () -> client.sessions().transcription(id),
            () -> client.sessions().cancelTranscription(id),
            () -> client.sessions().transcript(id),
            () -> client.sessions().analytics(id),
            () -> client.sessions().progress(id).close());
    for (Runnable call : calls) {
      checkProblem(rejects(ConflictException.class, call), 409);
    }
  }

  @Test
  void conflictForASecondUpload() throws Exception {
    VideoTranscriberClient client = Support.live();
    String id = create(client, "uploaded twice").getId();
    SessionUploadRequest body = wavUpload();
    client.sessions().upload(id, body);
    checkProblem(rejects(ConflictException.class, () -> client.sessions().upload(id, body)), 409);
  }

  @Test
  void unsupportedMediaTypeForWebmOpus() throws Exception {
    VideoTranscriberClient client = Support.live();
    String id = create(client, "opus in webm").getId();
    byte[] data = Files.readAllBytes(Support.webm());
    FileUpload video = FileUpload.of(data, "clip.webm", "video/webm");
    SessionUploadRequest body = SessionUploadRequest.builder().video(video).build();
    ApiException e =
        rejects(UnsupportedMediaTypeException.class, () -> client.sessions().upload(id, body));
    checkProblem(e, 415);
    Session after = client.sessions().get(id);
    assertTrue(after.getVideo().isNull());
    String status = after.getStatus().value();
    assertTrue(List.of("created", "failed").contains(status), status);
  }

  @Test
  void notImplementedForAnOperationTheServerLacks() {
    VideoTranscriberClient client = Support.live();
    ApiException e = rejects(NotImplementedException.class, () -> client.webhooks().list());
    assertTrue(e instanceof InternalServerException);
    JsonNode body = checkProblem(e, 501);
    assertEquals(Support.PROBLEMS + "not-implemented", body.get("type").asText());
  }
}
