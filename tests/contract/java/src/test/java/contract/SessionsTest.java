package contract;

import static contract.Support.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videotranscriber.VideoTranscriberClient;
import com.videotranscriber.core.NotFoundException;
import com.videotranscriber.core.Page;
import com.videotranscriber.models.Session;
import com.videotranscriber.models.SessionCreate;
import com.videotranscriber.models.SessionUpdate;
import com.videotranscriber.models.SessionsListParams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sessions through the SDK: pagination, merge-patch updates, delete, test-mode isolation. */
class SessionsTest {
  private static Session create(VideoTranscriberClient client, String name) {
    return client.sessions().create(SessionCreate.builder().name(name).build());
  }

  private static SessionsListParams limit(long n) {
    return SessionsListParams.builder().limit(n).build();
  }

  @Test
  void autoPaginationSeesEverySessionOnceNewestFirst() throws InterruptedException {
    VideoTranscriberClient client = Support.live();
    String tag = "page-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      created.add(create(client, tag + "-" + i).getId());
      Thread.sleep(5); // distinct created_at (millisecond precision)
    }

    Page<Session> first = client.sessions().list(limit(2));
    assertEquals(2, first.items().size());
    assertTrue(first.hasNextPage());

    List<Session> all = new ArrayList<>();
    for (Session s : client.sessions().list(limit(2))) {
      all.add(s);
    }
    List<String> ids = new ArrayList<>();
    List<String> mine = new ArrayList<>();
    List<Instant> stamps = new ArrayList<>();
    for (Session s : all) {
      ids.add(s.getId());
      stamps.add(Instant.parse(s.getCreatedAt()));
      if (s.getName().startsWith(tag)) {
        mine.add(s.getId());
      }
    }
    assertEquals(ids.size(), new HashSet<>(ids).size(), "a session was returned twice");
    List<String> reversed = new ArrayList<>(created);
    Collections.reverse(reversed);
    assertEquals(reversed, mine);
    List<Instant> sorted = new ArrayList<>(stamps);
    sorted.sort(Collections.reverseOrder());
    assertEquals(sorted, stamps);

    List<String> paged = new ArrayList<>();
    for (Page<Session> page : client.sessions().list(limit(3)).pages()) {
      assertTrue(page.items().size() <= 3);
      page.items().forEach(s -> paged.add(s.getId()));
    }
    assertEquals(ids, paged);

    List<String> streamed = new ArrayList<>();
    client.sessions().list(limit(4)).stream().forEach(s -> streamed.add(s.getId()));
    assertEquals(ids, streamed);
  }

  @Test
  void updateIsAMergePatch() {
    VideoTranscriberClient client = Support.live();
    SessionCreate body =
        SessionCreate.builder()
            .name("patch me")
            .description("before")
            .language("en")
            .metadata(Map.of("a", "1"))
            .build();
    Session s = client.sessions().create(body);
    SessionUpdate rename = SessionUpdate.builder().name("patched").build();
    Session renamed = client.sessions().update(s.getId(), rename);
    assertEquals("patched", renamed.getName());
    assertEquals("before", renamed.getDescription().get());
    assertEquals("en", renamed.getLanguage().get());
    assertEquals(Map.of("a", "1"), renamed.getMetadata());

    SessionUpdate clear = SessionUpdate.builder().description(null).language(null).build();
    Session cleared = client.sessions().update(s.getId(), clear);
    assertTrue(cleared.getDescription().isNull());
    assertTrue(cleared.getLanguage().isNull());
    assertEquals("patched", cleared.getName());
    assertEquals(Map.of("a", "1"), cleared.getMetadata());

    SessionUpdate replace = SessionUpdate.builder().metadata(Map.of("b", "2")).build();
    assertEquals(Map.of("b", "2"), client.sessions().update(s.getId(), replace).getMetadata());
    SessionUpdate empty = SessionUpdate.builder().metadata(null).build();
    assertEquals(Map.of(), client.sessions().update(s.getId(), empty).getMetadata());

    Session again = client.sessions().get(s.getId());
    assertEquals("patched", again.getName());
    assertTrue(again.getDescription().isNull());
    assertEquals(Map.of(), again.getMetadata());
  }

  @Test
  void delete() {
    VideoTranscriberClient client = Support.live();
    Session s = create(client, "delete me");
    client.sessions().delete(s.getId());
    rejects(NotFoundException.class, () -> client.sessions().get(s.getId()));
    rejects(NotFoundException.class, () -> client.sessions().delete(s.getId()));
  }

  @Test
  void testModeKeysSeeOnlyTestData() {
    VideoTranscriberClient live = Support.live();
    VideoTranscriberClient sandbox = Support.sandbox();
    Session a = create(live, "live data");
    Session b = create(sandbox, "sandbox data");
    assertTrue(a.getLivemode());
    assertFalse(b.getLivemode());

    Set<String> testIds = new HashSet<>();
    for (Session s : sandbox.sessions().list(limit(50))) {
      assertFalse(s.getLivemode());
      testIds.add(s.getId());
    }
    assertTrue(testIds.contains(b.getId()));
    assertFalse(testIds.contains(a.getId()));
    Set<String> liveIds = new HashSet<>();
    for (Session s : live.sessions().list(limit(50))) {
      liveIds.add(s.getId());
    }
    assertFalse(liveIds.contains(b.getId()));

    rejects(NotFoundException.class, () -> sandbox.sessions().get(a.getId()));
    rejects(NotFoundException.class, () -> live.sessions().get(b.getId()));
    rejects(NotFoundException.class, () -> sandbox.sessions().delete(a.getId()));
    assertEquals(a.getId(), live.sessions().get(a.getId()).getId());
  }

  @Test
  void deprecatedSearchStillWorks() {
    VideoTranscriberClient client = Support.live();
    String tag = "legacy-" + UUID.randomUUID().toString().substring(0, 8);
    String made = create(client, tag + " interview").getId();
    List<String> found = new ArrayList<>();
    SessionsListParams search = SessionsListParams.builder().search(tag).build();
    client.sessions().list(search).forEach(s -> found.add(s.getId()));
    assertTrue(found.contains(made));
  }
}
