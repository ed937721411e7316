package com.videotranscriber;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.videotranscriber.core.ApiConnectionException;
import com.videotranscriber.core.ApiTimeoutException;
import com.videotranscriber.core.ConflictException;
import com.videotranscriber.core.EventStream;
import com.videotranscriber.core.FileUpload;
import com.videotranscriber.core.InternalServerException;
import com.videotranscriber.core.Json;
import com.videotranscriber.core.NotFoundException;
import com.videotranscriber.core.NotImplementedException;
import com.videotranscriber.core.Page;
import com.videotranscriber.core.RateLimitException;
import com.videotranscriber.core.RequestOptions;
import com.videotranscriber.core.ServerSentEvent;
import com.videotranscriber.models.CreateTokenRequest;
import com.videotranscriber.models.Progress;
import com.videotranscriber.models.Session;
import com.videotranscriber.models.SessionCreate;
import com.videotranscriber.models.SessionStatus;
import com.videotranscriber.models.SessionUpdate;
import com.videotranscriber.models.SessionsListParams;
import com.videotranscriber.models.Upload;
import com.videotranscriber.models.UploadResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generated SDK's runtime against a real HTTP server on 127.0.0.1. */
class RuntimeTest {
  /** One request as the server saw it. */
  static final class Seen {
    final String method;
    final String uri;
    final Map<String, List<String>> headers;
    final String body;

    Seen(HttpExchange ex, String body) {
      this.method = ex.getRequestMethod();
      this.uri = ex.getRequestURI().toString();
      this.headers = ex.getRequestHeaders();
      this.body = body;
    }

    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  private HttpServer server;
  private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
  private volatile Consumer<HttpExchange> handler;
  private String url;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          seen.add(new Seen(ex, body));
          try {
            handler.accept(ex);
          } finally {
            ex.close();
          }
        });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private VideoTranscriberClient client(int retries) {
    return VideoTranscriberClient.builder()
        .apiKey("sk-test")
        .baseUrl(url)
        .maxRetries(retries)
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  private static void send(HttpExchange ex, int status, String type, String body) {
    try {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      if (type != null) {
        ex.getResponseHeaders().set("Content-Type", type);
      }
      ex.getResponseHeaders().set("X-Request-Id", "req_" + status);
      ex.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
      if (status != 204) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void json(HttpExchange ex, int status, String body) {
    send(ex, status, "application/json", body);
  }

  private List<Seen> requests() {
    return new ArrayList<>(seen);
  }

  private static final String SESSION = "{\"id\":\"s1\",\"status\":\"ready\",\"title\":\"t\"}";

  @Test
  void sendsBearerAuthAndDecodes() {
    handler = ex -> json(ex, 200, SESSION);
    Session s = client(0).sessions().retrieve("s 1/x");
    assertEquals("s1", s.getId());
    assertEquals(SessionStatus.READY, s.getStatus());
    assertEquals("t", s.getTitle().get());
    Seen r = requests().get(0);
    assertEquals("Bearer sk-test", r.header("Authorization"));
    assertEquals("/sessions/s%201%2Fx", r.uri);
  }

  @Test
  void noAuthWhereTheOperationSaysSo() {
    handler = ex -> json(ex, 200, "{\"ok\":true}");
    assertTrue(client(0).health().retrieve().getOk().get());
    assertEquals(null, requests().get(0).header("Authorization"));
  }

  @Test
  void retriesWithRetryAfterAndOneIdempotencyKey() {
    AtomicInteger n = new AtomicInteger();
    handler =
        ex -> {
          if (n.incrementAndGet() < 3) {
            ex.getResponseHeaders().set("Retry-After", "1");
            json(ex, n.get() == 1 ? 503 : 429, "{}");
          } else {
            json(ex, 201, SESSION);
          }
        };
    long start = System.nanoTime();
    Session s = client(2).sessions().create(SessionCreate.builder().title("x").build());
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertEquals("s1", s.getId());
    List<Seen> rs = requests();
    assertEquals(3, rs.size());
    assertTrue(ms >= 1900, "Retry-After not honoured: " + ms + " ms");
    String key = rs.get(0).header("Idempotency-Key");
    assertNotNull(key);
    for (Seen r : rs) {
      assertEquals(key, r.header("Idempotency-Key"));
      assertEquals("{\"title\":\"x\"}", r.body);
    }
  }

  @Test
  void givesUpAfterMaxRetries() {
    handler =
        ex -> {
          ex.getResponseHeaders().set("Retry-After-Ms", "10");
          send(ex, 429, "application/problem+json", "{\"title\":\"slow down\",\"status\":429}");
        };
    RateLimitException e =
        assertThrows(RateLimitException.class, () -> client(2).sessions().retrieve("a"));
    assertEquals(3, requests().size());
    assertEquals("slow down", e.title().get());
    assertEquals("req_429", e.requestId().get());
  }

  @Test
  void conflictAndNotImplementedAreNotRetried() {
    handler = ex -> json(ex, 409, "{\"title\":\"busy\"}");
    assertThrows(ConflictException.class, () -> client(3).sessions().retrieve("a"));
    assertEquals(1, requests().size());
    seen.clear();
    handler = ex -> json(ex, 501, "{}");
    NotImplementedException e =
        assertThrows(NotImplementedException.class, () -> client(3).sessions().retrieve("a"));
    assertTrue(e instanceof InternalServerException);
    assertEquals(1, requests().size());
  }

  @Test
  void retriesConnectionErrors() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    VideoTranscriberClient c =
        VideoTranscriberClient.builder().apiKey("k").baseUrl("http://127.0.0.1:" + port).build();
    RequestOptions once = RequestOptions.builder().maxRetries(1).build();
    assertThrows(ApiConnectionException.class, () -> c.sessions().retrieve("a", once));
  }

  @Test
  void timesOutPerRequest() {
    handler =
        ex -> {
          try {
            Thread.sleep(1500);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          json(ex, 200, SESSION);
        };
    RequestOptions quick =
        RequestOptions.builder().timeout(Duration.ofMillis(200)).maxRetries(0).build();
    assertThrows(ApiTimeoutException.class, () -> client(0).sessions().retrieve("a", quick));
  }

  @Test
  void errorsCarryTheProblem() {
    handler =
        ex ->
            send(
                ex,
                404,
                "application/problem+json",
                "{\"type\":\"about:blank\",\"title\":\"Not found\",\"status\":404,"
                    + "\"detail\":\"no such session\"}");
    NotFoundException e =
        assertThrows(NotFoundException.class, () -> client(2).sessions().retrieve("nope"));
    assertEquals(404, e.statusCode());
    assertEquals("Not found", e.title().get());
    assertEquals("no such session", e.detail().get());
    assertEquals("req_404", e.requestId().get());
    assertEquals(404, e.body().get("status").asInt());
    assertTrue(e.getMessage().contains("no such session"));
    assertEquals(1, requests().size());
  }

  @Test
  void paginatesWithTheCursor() {
    handler =
        ex -> {
          String q = ex.getRequestURI().getRawQuery();
          if (q != null && q.contains("cursor=c2")) {
            json(ex, 200, "{\"data\":[{\"id\":\"c\",\"status\":\"ready\"}],\"next_cursor\":null}");
          } else if (q != null && q.contains("cursor=c1")) {
            json(ex, 200, "{\"data\":[{\"id\":\"b\",\"status\":\"ready\"}],\"next_cursor\":\"c2\"}");
          } else {
            json(ex, 200, "{\"data\":[{\"id\":\"a\",\"status\":\"ready\"}],\"next_cursor\":\"c1\"}");
          }
        };
    SessionsListParams params =
        SessionsListParams.builder()
            .limit(1L)
            .created(Map.of("gt", 5L))
            .labels(Map.of("team", "x"))
            .build();
    Page<Session> first = client(0).sessions().list(params);
    assertEquals(1, first.items().size());
    assertTrue(first.hasNextPage());
    List<String> ids = new ArrayList<>();
    for (Session s : first) {
      ids.add(s.getId());
    }
    assertEquals(List.of("a", "b", "c"), ids);
    assertEquals(3, first.stream().count());
    String q = requests().get(0).uri;
    assertTrue(q.contains("limit=1"), q);
    assertTrue(q.contains("created%5Bgt%5D=5"), q);
    assertTrue(q.contains("team=x"), q);
    int pages = 0;
    for (Page<Session> p : client(0).sessions().list().pages()) {
      pages++;
      assertEquals(1, p.items().size());
    }
    assertEquals(3, pages);
  }

  @Test
  void streamsTypedEvents() {
    handler =
        ex ->
            send(
                ex,
                200,
                "text/event-stream",
                ": comment\n\nevent: progress\nid: 1\ndata: {\"percent\":10,\"stage\":\"a\"}\n\n"
                    + "data: {\"percent\":\ndata: 100}\n\n");
    List<Integer> percents = new ArrayList<>();
    try (EventStream<Progress> stream = client(0).sessions().streamProgress("s1")) {
      for (Progress p : stream) {
        percents.add(p.getPercent().intValue());
      }
    }
    assertEquals(List.of(10, 100), percents);
    assertEquals("text/event-stream", requests().get(0).header("Accept"));
    List<ServerSentEvent> raw = new ArrayList<>();
    try (EventStream<Progress> stream = client(0).sessions().streamProgress("s1")) {
      stream.events().forEach(raw::add);
    }
    assertEquals("progress", raw.get(0).event());
    assertEquals("1", raw.get(0).id().get());
    assertEquals("message", raw.get(1).event());
  }

  @Test
  void uploadsMultipart() {
    handler = ex -> json(ex, 200, "{\"bytes\":3,\"filename\":\"a.bin\",\"purpose\":\"p\"}");
    byte[] data = {1, 2, 3};
    Upload body =
        Upload.builder().file(FileUpload.of(data, "a.bin", "video/mp4")).purpose("p").build();
    UploadResult r = client(0).sessions().uploadVideo("s1", body);
    assertEquals(3L, r.getBytes());
    Seen s = requests().get(0);
    assertTrue(s.header("Content-Type").startsWith("multipart/form-data; boundary="));
    assertTrue(s.body.contains("name=\"file\"; filename=\"a.bin\""), s.body);
    assertTrue(s.body.contains("Content-Type: video/mp4"), s.body);
    assertTrue(s.body.contains("name=\"purpose\"\r\n\r\np\r\n"), s.body);
  }

  @Test
  void formBodiesAndTextAndBinaryResponses() {
    handler =
        ex -> {
          String path = ex.getRequestURI().getPath();
          if (path.endsWith(".vtt")) {
            send(ex, 200, "text/vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nhi\n");
          } else if (path.endsWith("/video")) {
            send(ex, 200, "video/mp4", "\u0001\u0002");
          } else {
            json(ex, 200, "{\"access_token\":\"tok\"}");
          }
        };
    VideoTranscriberClient c = client(0);
    assertTrue(c.sessions().getTranscriptVtt("s1").startsWith("WEBVTT"));
    assertEquals("text/vtt", requests().get(0).header("Accept"));
    assertArrayEquals(new byte[] {1, 2}, c.sessions().downloadVideo("s1"));
    CreateTokenRequest form =
        CreateTokenRequest.builder().grantType("client credentials").scope(List.of("a", "b")).build();
    assertEquals("tok", c.tokens().create(form).getAccessToken().get());
    Seen s = requests().get(2);
    assertEquals("application/x-www-form-urlencoded", s.header("Content-Type"));
    assertEquals("grant_type=client%20credentials&scope=a&scope=b", s.body);
  }

  @Test
  void unknownEnumValuesParseAndRoundTrip() {
    handler = ex -> json(ex, 200, "{\"id\":\"s1\",\"status\":\"archived\",\"extra\":[1]}");
    Session s = client(0).sessions().retrieve("s1");
    assertEquals("archived", s.getStatus().value());
    assertFalse(s.getStatus().isKnown());
    assertTrue(SessionStatus.READY.isKnown());
    assertEquals(SessionStatus.of("archived"), s.getStatus());
    assertEquals("[1]", s.getAdditionalProperties().get("extra").toString());
    assertEquals(Json.raw("{\"id\":\"s1\",\"status\":\"archived\",\"extra\":[1]}"), s.toJson());
    assertEquals(s, Session.fromJson(s.toJson()));
  }

  @Test
  void nullableKeepsAbsentAndNullApart() {
    handler = ex -> json(ex, 200, "{\"id\":\"s1\",\"status\":\"ready\",\"title\":null}");
    VideoTranscriberClient c = client(0);
    Session s = c.sessions().update("s1", SessionUpdate.builder().title(null).build());
    assertTrue(s.getTitle().isNull());
    assertFalse(s.getTitle().isAbsent());
    c.sessions().update("s1", SessionUpdate.builder().language("en").build());
    List<Seen> rs = requests();
    assertEquals("PATCH", rs.get(0).method);
    assertEquals("{\"title\":null}", rs.get(0).body);
    assertEquals("{\"language\":\"en\"}", rs.get(1).body);
    Session absent = Session.fromJson(Json.raw("{\"id\":\"x\",\"status\":\"ready\"}"));
    assertTrue(absent.getTitle().isAbsent());
    assertFalse(absent.getDurationMs().isPresent());
  }

  @Test
  void deleteReturnsNothingAndAsyncWorks() throws Exception {
    handler = ex -> send(ex, 204, null, "");
    VideoTranscriberClient c = client(0);
    c.sessions().delete("s1");
    c.sessions().deleteAsync("s1").get();
    assertEquals(Collections.nCopies(2, "DELETE"), List.of(requests().get(0).method, "DELETE"));
  }
}
