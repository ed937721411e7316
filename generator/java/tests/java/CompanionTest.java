package com.companion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.companion.models.SessionsTranscriptParams;
import com.companion.models.Transcript;
import com.companion.models.TranscriptFormat;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The text companion of a JSON operation (spec/openapi/v2.yaml's getTranscript, which also
 * answers SubRip, WebVTT and plain text): transcriptText asks for the text media types and
 * returns the body as it comes; transcript still asks for and decodes JSON.
 */
class CompanionTest {
  private static final String VTT = "WEBVTT\n\n00:00.000 --> 00:01.500\nHello.\n";

  private HttpServer server;
  private final List<String> accepts = new CopyOnWriteArrayList<>();
  private final List<String> uris = new CopyOnWriteArrayList<>();
  private CompanionClient client;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          String accept = ex.getRequestHeaders().getFirst("Accept");
          accepts.add(String.valueOf(accept));
          uris.add(ex.getRequestURI().toString());
          boolean text = accept != null && accept.contains("text/vtt");
          String body =
              text
                  ? VTT
                  : "{\"object\":\"transcript\",\"session_id\":\"s1\",\"language\":\"en\",\"duration_seconds\":1.5,"
                      + "\"text\":\"Hello.\",\"segments\":[]}";
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", text ? "text/vtt" : "application/json");
          ex.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    client =
        CompanionClient.builder()
            .apiKey("sk-test")
            .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
            .maxRetries(0)
            .build();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void transcriptTextAsksForTextAndReturnsItAsItComes() {
    SessionsTranscriptParams vtt =
        SessionsTranscriptParams.builder().format(TranscriptFormat.VTT).build();
    assertEquals(VTT, client.sessions().transcriptText("s1", vtt));
    assertEquals("application/x-subrip, text/vtt, text/plain", accepts.get(0));
    assertEquals("/api/v2/sessions/s1/transcript?format=vtt", uris.get(0));
  }

  @Test
  void transcriptTextWithoutParametersAndAsync() throws Exception {
    assertEquals(VTT, client.sessions().transcriptText("s1"));
    assertEquals(VTT, client.sessions().transcriptTextAsync("s1").get());
    assertEquals("/api/v2/sessions/s1/transcript", uris.get(0));
  }

  @Test
  void transcriptStillDecodesJson() {
    Transcript t = client.sessions().transcript("s1");
    assertEquals("Hello.", t.getText());
    assertTrue(!accepts.get(0).contains("text/vtt"), accepts.get(0));
  }
}
