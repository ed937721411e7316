// Sessions through the SDK: pagination, merge-patch updates, delete, test-mode isolation.
package contract

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	vt "github.com/sdkgen/video-transcriber-go"
)

func TestAutoPaginationSeesEverySessionOnceNewestFirst(t *testing.T) {
	c := liveClient()
	tag := "page-" + uuid4()[:8]
	var created []string
	for i := range 7 {
		created = append(created, newSession(t, c, tag+"-"+string(rune('0'+i))).ID)
		time.Sleep(5 * time.Millisecond) // distinct created_at (millisecond precision)
	}

	first := must(c.Sessions.List(ctx(t), vt.SessionsListParams{Limit: vt.Int(2)}))
	if len(first.Data) != 2 {
		t.Fatalf("first page has %d items", len(first.Data))
	}
	if _, ok := first.NextCursor.Get(); !ok {
		t.Fatal("no next page after the first")
	}

	var ids, mine, stamps []string
	for s, err := range c.Sessions.ListAutoPaging(ctx(t), vt.SessionsListParams{Limit: vt.Int(2)}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, s.ID)
		stamps = append(stamps, s.CreatedAt)
		if strings.HasPrefix(s.Name, tag) {
			mine = append(mine, s.ID)
		}
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Fatalf("session %s returned twice", id)
		}
		seen[id] = true
	}
	want := slices.Clone(created)
	slices.Reverse(want)
	if !slices.Equal(mine, want) {
		t.Fatalf("not every session, or not newest first: %v vs %v", mine, want)
	}
	for i := 1; i < len(stamps); i++ {
		if parse(t, stamps[i]).After(parse(t, stamps[i-1])) {
			t.Fatalf("not newest first: %s after %s", stamps[i], stamps[i-1])
		}
	}

	var paged []string
	for p, err := range c.Sessions.ListPages(ctx(t), vt.SessionsListParams{Limit: vt.Int(3)}) {
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Data) > 3 {
			t.Fatalf("a page of %d items", len(p.Data))
		}
		for _, s := range p.Data {
			paged = append(paged, s.ID)
		}
	}
	if !slices.Equal(paged, ids) {
		t.Fatal("pages and items differ")
	}
}

func parse(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestUpdateIsAMergePatch(t *testing.T) {
	c := liveClient()
	s := must(c.Sessions.Create(ctx(t), vt.SessionCreate{
		Name: "patch me", Description: vt.String("before"), Language: vt.String("en"), Metadata: vt.Metadata{"a": "1"},
	}))
	renamed := must(c.Sessions.Update(ctx(t), s.ID, vt.SessionUpdate{Name: vt.String("patched")}))
	if renamed.Name != "patched" || renamed.Description.Value() != "before" || renamed.Language.Value() != "en" ||
		!maps.Equal(renamed.Metadata, vt.Metadata{"a": "1"}) {
		t.Fatalf("rename changed more: %+v", renamed)
	}
	if parse(t, renamed.UpdatedAt).Before(parse(t, s.UpdatedAt)) {
		t.Fatal("updated_at went back")
	}

	cleared := must(c.Sessions.Update(ctx(t), s.ID, vt.SessionUpdate{
		Description: vt.Null[string](), Language: vt.Null[string](),
	}))
	if !cleared.Description.IsNull() || !cleared.Language.IsNull() || cleared.Name != "patched" ||
		!maps.Equal(cleared.Metadata, vt.Metadata{"a": "1"}) {
		t.Fatalf("null did not clear only those fields: %+v", cleared)
	}

	replaced := must(c.Sessions.Update(ctx(t), s.ID, vt.SessionUpdate{Metadata: vt.NewNullable(map[string]string{"b": "2"})}))
	if !maps.Equal(replaced.Metadata, vt.Metadata{"b": "2"}) {
		t.Fatalf("metadata %v", replaced.Metadata)
	}
	emptied := must(c.Sessions.Update(ctx(t), s.ID, vt.SessionUpdate{Metadata: vt.Null[map[string]string]()}))
	if len(emptied.Metadata) != 0 {
		t.Fatalf("metadata %v", emptied.Metadata)
	}

	again := must(c.Sessions.Get(ctx(t), s.ID))
	if again.Name != "patched" || !again.Description.IsNull() || len(again.Metadata) != 0 {
		t.Fatalf("read back %+v", again)
	}
}

func TestDelete(t *testing.T) {
	c := liveClient()
	s := newSession(t, c, "delete me")
	if err := c.Sessions.Delete(ctx(t), s.ID); err != nil {
		t.Fatal(err)
	}
	var nf *vt.NotFoundError
	if _, err := c.Sessions.Get(ctx(t), s.ID); !errors.As(err, &nf) {
		t.Fatalf("get after delete: %v", err)
	}
	if err := c.Sessions.Delete(ctx(t), s.ID); !errors.As(err, &nf) {
		t.Fatalf("second delete: %v", err)
	}
	for x, err := range c.Sessions.ListAutoPaging(ctx(t), vt.SessionsListParams{Limit: vt.Int(100)}) {
		if err != nil {
			t.Fatal(err)
		}
		if x.ID == s.ID {
			t.Fatal("a deleted session is listed")
		}
	}
}

func TestTestModeKeysSeeOnlyTestData(t *testing.T) {
	c, tc := liveClient(), testClient()
	live := newSession(t, c, "live data")
	sandbox := newSession(t, tc, "sandbox data")
	if !live.Livemode || sandbox.Livemode {
		t.Fatalf("livemode: live %v, test %v", live.Livemode, sandbox.Livemode)
	}
	testIDs := map[string]bool{}
	for s, err := range tc.Sessions.ListAutoPaging(ctx(t), vt.SessionsListParams{Limit: vt.Int(50)}) {
		if err != nil {
			t.Fatal(err)
		}
		if s.Livemode {
			t.Fatal("a test key listed live data")
		}
		testIDs[s.ID] = true
	}
	if !testIDs[sandbox.ID] || testIDs[live.ID] {
		t.Fatal("test listing is wrong")
	}
	for s, err := range c.Sessions.ListAutoPaging(ctx(t), vt.SessionsListParams{Limit: vt.Int(50)}) {
		if err != nil {
			t.Fatal(err)
		}
		if s.ID == sandbox.ID {
			t.Fatal("a live key listed test data")
		}
	}
	var nf *vt.NotFoundError
	if _, err := tc.Sessions.Get(ctx(t), live.ID); !errors.As(err, &nf) {
		t.Fatalf("test key read live data: %v", err)
	}
	if _, err := c.Sessions.Get(ctx(t), sandbox.ID); !errors.As(err, &nf) {
		t.Fatalf("live key read test data: %v", err)
	}
	if err := tc.Sessions.Delete(ctx(t), live.ID); !errors.As(err, &nf) {
		t.Fatalf("test key deleted live data: %v", err)
	}
	if got := must(c.Sessions.Get(ctx(t), live.ID)); got.ID != live.ID {
		t.Fatal("live session lost")
	}
}
