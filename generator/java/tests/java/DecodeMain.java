import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.variants.models.Item;
import com.variants.models.Results;

/**
 * Decodes responses of tests/fixtures/variants.yaml (tests/decode.rs): each union item becomes
 * the variant its constant property names, and every document encodes back to itself.
 */
public final class DecodeMain {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DecodeMain() {}

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError(what);
    }
  }

  public static void main(String[] args) throws Exception {
    String json =
        "{\"entries\":["
            + "{\"id\":\"a\",\"type\":\"folder\",\"created_at\":null},"
            + "{\"id\":\"b\",\"type\":\"file\",\"size\":3},"
            + "{\"id\":\"c\",\"trigger_type\":3,\"trigger_metadata\":{}},"
            + "{\"id\":\"d\",\"trigger_type\":1,\"trigger_metadata\":{\"keywords\":[\"x\"]}}],"
            + "\"tags\":{\"premium_subscriber\":null,\"anything\":null}}";
    JsonNode node = MAPPER.readTree(json);
    Results results = Results.fromJson(node);
    java.util.List<Item> entries = results.getEntries().orElseThrow();
    check(entries.get(0) instanceof Item.FolderValue, "folder: " + entries.get(0).getClass());
    check(entries.get(1) instanceof Item.FileValue, "file: " + entries.get(1).getClass());
    check(entries.get(2) instanceof Item.SpamRuleValue, "spam rule: " + entries.get(2).getClass());
    check(
        entries.get(3) instanceof Item.KeywordRuleValue,
        "keyword rule: " + entries.get(3).getClass());
    check(
        results.getTags().orElseThrow().getPremiumSubscriber().isPresent(),
        "a null of type null is present");
    // Through text, so numbers compare by value (a LongNode is not equal to an IntNode).
    JsonNode back = MAPPER.readTree(results.toJson().toString());
    check(back.equals(node), "round trip: " + back + " != " + node);
    System.out.println("ok");
  }
}
