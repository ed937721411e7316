package com.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import com.vault.core.RequestOptions;
import com.vault.models.Seen;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The credentials each operation of spec/fixtures/auth.yaml sends, as a real server on 127.0.0.1
 * sees them: alternatives (the first the client can meet in full), combinations, operations
 * without credentials and with optional ones. runtime.rs sets VAULT_APP_ID to "env-app".
 */
class AuthTest {
  private HttpServer server;
  private String url;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ObjectMapper mapper = new ObjectMapper();
    server.createContext(
        "/",
        ex -> {
          ObjectNode seen = mapper.createObjectNode();
          String[][] headers = {
            {"authorization", "Authorization"},
            {"app_id", "X-App-Id"},
            {"partner_key", "X-Partner-Key"},
            {"cookie", "Cookie"}
          };
          for (String[] h : headers) {
            String value = ex.getRequestHeaders().getFirst(h[1]);
            if (value != null) {
              seen.put(h[0], value);
            }
          }
          String query = ex.getRequestURI().getRawQuery();
          if (query != null) {
            seen.put("query", query);
          }
          byte[] bytes = mapper.writeValueAsBytes(seen);
          ex.getResponseHeaders().set("Content-Type", "application/json");
          ex.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private VaultClient.Builder builder() {
    return VaultClient.builder().baseUrl(url).maxRetries(0);
  }

  @Test
  void defaultRequirementsSendBearerElseBasic() {
    Seen bearer = builder().apiKey("tok").build().items().list();
    assertEquals(Optional.of("Bearer tok"), bearer.getAuthorization());
    Seen basic = builder().username("u").password("p").build().items().list();
    assertEquals(Optional.of("Basic dTpw"), basic.getAuthorization());
    Seen both = builder().apiKey("tok").username("u").password("p").build().items().list();
    assertEquals(Optional.of("Bearer tok"), both.getAuthorization());
  }

  @Test
  void combinedKeysGoTogetherOrNotAtAll() {
    Seen both = builder().appId("a").appSecret("s").build().reports().retrieve();
    assertEquals(Optional.of("a"), both.getAppId());
    assertEquals(Optional.of("app_secret=s"), both.getQuery());
    Seen half = builder().appId("a").apiKey("tok").build().reports().retrieve();
    assertEquals(Optional.empty(), half.getAppId());
    assertEquals(Optional.empty(), half.getQuery());
    assertEquals(Optional.empty(), half.getAuthorization());
  }

  @Test
  void cookieKey() {
    Seen seen = builder().sessionCookie("c").apiKey("tok").build().session().retrieve();
    assertEquals(Optional.of("SESSION=c"), seen.getCookie());
    assertEquals(Optional.empty(), seen.getAuthorization());
  }

  @Test
  void operationWithoutCredentialsSendsNone() {
    Seen seen = builder().apiKey("tok").appId("a").appSecret("s").build().status().retrieve();
    assertEquals(Optional.empty(), seen.getAuthorization());
    assertEquals(Optional.empty(), seen.getAppId());
    assertEquals(Optional.empty(), seen.getQuery());
  }

  @Test
  void optionalPartnerKey() {
    Seen anonymous = builder().apiKey("tok").build().feed().retrieve();
    assertEquals(Optional.empty(), anonymous.getPartnerKey());
    assertEquals(Optional.empty(), anonymous.getAuthorization());
    Seen partner = builder().partnerKey("pk").build().feed().retrieve();
    assertEquals(Optional.of("pk"), partner.getPartnerKey());
  }

  @Test
  void firstAlternativeTheClientCanMeet() {
    Seen oauth = builder().oauth("o").apiKey("tok").build().admin().retrieve();
    assertEquals(Optional.of("Bearer o"), oauth.getAuthorization());
    Seen bearer = builder().apiKey("tok").build().admin().retrieve();
    assertEquals(Optional.of("Bearer tok"), bearer.getAuthorization());
  }

  @Test
  void optionFromItsEnvironmentVariable() {
    assertEquals("VAULT_APP_ID", VaultClient.APP_ID_ENV);
    Seen seen = builder().appSecret("s").build().reports().retrieve();
    assertEquals(Optional.of("env-app"), seen.getAppId());
    Seen given = builder().appId("a").appSecret("s").build().reports().retrieve();
    assertEquals(Optional.of("a"), given.getAppId());
  }

  @Test
  void explicitRequestHeadersAndQueryWin() {
    RequestOptions mine =
        RequestOptions.builder()
            .header("Authorization", "Bearer mine")
            .queryParam("app_secret", "t")
            .build();
    VaultClient client = builder().apiKey("tok").appId("a").appSecret("s").build();
    assertEquals(Optional.of("Bearer mine"), client.items().list(mine).getAuthorization());
    Seen report = client.reports().retrieve(mine);
    assertEquals(Optional.of("app_secret=t"), report.getQuery());
    assertEquals(Optional.of("a"), report.getAppId());
  }
}
