// Runtime tests of a generated Go SDK (spec/fixtures/ts_runtime.yaml) against httptest
// servers: auth, retries with Retry-After, idempotency keys, typed errors, pagination,
// query styles, SSE, uploads, forms, text and binary responses, open enums, nullable.
package runtime

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	vt "github.com/sdkgen/video-transcriber-go"
	"github.com/sdkgen/video-transcriber-go/option"
)

func server(t *testing.T, h http.HandlerFunc) *vt.Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return vt.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("sk-test"))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

var bg = context.Background()

func TestAuthFromOptionAndEnvironment(t *testing.T) {
	var got []string
	c := server(t, func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Header.Get("Authorization"))
		writeJSON(w, 200, map[string]any{"id": "s1", "status": "ready", "ok": true})
	})
	if _, err := c.Sessions.Retrieve(bg, "s1"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Health.Retrieve(bg); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VT_API_KEY", "from-env")
	base := c.Options
	envClient := vt.NewClient(base[len(base)-2]) // the test server's base URL only
	if _, err := envClient.Sessions.Retrieve(bg, "s1"); err != nil {
		t.Fatal(err)
	}
	want := []string{"Bearer sk-test", "", "Bearer from-env"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("authorization headers %q, want %q", got, want)
	}
}

func TestRetriesHonourRetryAfterAndKeepTheIdempotencyKey(t *testing.T) {
	var mu sync.Mutex
	var keys []string
	var times []time.Time
	c := server(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		keys = append(keys, r.Header.Get("Idempotency-Key"))
		times = append(times, time.Now())
		switch len(keys) {
		case 1:
			w.Header().Set("Retry-After", "0.3")
			writeJSON(w, 429, map[string]any{"title": "slow down"})
		case 2:
			w.Header().Set("Retry-After-Ms", "10")
			writeJSON(w, 503, map[string]any{"title": "unavailable"})
		default:
			writeJSON(w, 201, map[string]any{"id": "s1", "status": "pending"})
		}
	})
	s, err := c.Sessions.Create(bg, vt.SessionCreate{Title: "x"})
	if err != nil {
		t.Fatal(err)
	}
	if s.ID != "s1" || len(keys) != 3 {
		t.Fatalf("got %+v after %d attempts", s, len(keys))
	}
	if keys[0] == "" || keys[0] != keys[1] || keys[1] != keys[2] {
		t.Fatalf("idempotency keys %q", keys)
	}
	if d := times[1].Sub(times[0]); d < 300*time.Millisecond {
		t.Fatalf("Retry-After not honoured: %v", d)
	}
}

func TestNoRetryOn409And501AndWhenTurnedOff(t *testing.T) {
	for _, status := range []int{409, 501, 400} {
		calls := 0
		c := server(t, func(w http.ResponseWriter, r *http.Request) {
			calls++
			writeJSON(w, status, map[string]any{"title": "no"})
		})
		_, err := c.Sessions.Retrieve(bg, "s1", option.WithMaxRetries(5))
		if err == nil || calls != 1 {
			t.Fatalf("status %d: %d calls, err %v", status, calls, err)
		}
	}
	calls := 0
	c := server(t, func(w http.ResponseWriter, r *http.Request) {
		calls++
		writeJSON(w, 500, map[string]any{"title": "boom"})
	})
	_, err := c.Sessions.Retrieve(bg, "s1", option.WithMaxRetries(0))
	var ise *vt.InternalServerError
	if !errors.As(err, &ise) || calls != 1 {
		t.Fatalf("%d calls, err %v", calls, err)
	}
}

func TestConnectionErrorsAreRetriedThenReported(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	c := vt.NewClient(option.WithBaseURL(url), option.WithMaxRetries(1))
	start := time.Now()
	_, err := c.Sessions.Retrieve(bg, "s1")
	var ce *vt.ConnectionError
	if !errors.As(err, &ce) {
		t.Fatalf("want ConnectionError, got %T %v", err, err)
	}
	if time.Since(start) < 200*time.Millisecond {
		t.Fatal("no backoff before the retry")
	}
}

func TestTimeoutPerAttempt(t *testing.T) {
	c := server(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
	})
	_, err := c.Sessions.Retrieve(bg, "s1", option.WithTimeout(50*time.Millisecond), option.WithMaxRetries(0))
	var ce *vt.ConnectionError
	if !errors.As(err, &ce) {
		t.Fatalf("want ConnectionError, got %T %v", err, err)
	}
}

func TestTypedErrorsCarryProblemRequestIDAndResponse(t *testing.T) {
	c := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", "req_123")
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(404)
		fmt.Fprint(w, `{"type":"https://example.test/not-found","title":"Not found","status":404,"detail":"no session s9","extra":1}`)
	})
	_, err := c.Sessions.Retrieve(bg, "s9")
	var nf *vt.NotFoundError
	if !errors.As(err, &nf) {
		t.Fatalf("want NotFoundError, got %T", err)
	}
	var apiErr *vt.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 404 || apiErr.RequestID != "req_123" {
		t.Fatalf("api error %+v", apiErr)
	}
	p := apiErr.Problem
	if p == nil || p.Title != "Not found" || p.Status != 404 || p.Detail != "no session s9" || p.Data["extra"] != float64(1) {
		t.Fatalf("problem %+v", p)
	}
	if apiErr.Response.StatusCode != 404 || !strings.Contains(err.Error(), "Not found") {
		t.Fatalf("error %v", err)
	}
	for status, target := range map[int]any{
		400: new(*vt.BadRequestError), 401: new(*vt.AuthenticationError), 403: new(*vt.PermissionDeniedError),
		409: new(*vt.ConflictError), 415: new(*vt.UnsupportedMediaTypeError), 422: new(*vt.UnprocessableEntityError),
		429: new(*vt.RateLimitError), 418: new(*vt.ClientError), 502: new(*vt.InternalServerError),
	} {
		c := server(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, status, map[string]any{}) })
		_, err := c.Sessions.Retrieve(bg, "s1", option.WithMaxRetries(0))
		if !errors.As(err, target) {
			t.Fatalf("status %d gave %T", status, err)
		}
	}
}

func TestPaginationFollowsTheCursor(t *testing.T) {
	var queries []string
	c := server(t, func(w http.ResponseWriter, r *http.Request) {
		queries = append(queries, r.URL.RawQuery)
		switch r.URL.Query().Get("cursor") {
		case "":
			writeJSON(w, 200, map[string]any{"data": []any{map[string]any{"id": "a", "status": "ready"}, map[string]any{"id": "b", "status": "ready"}}, "next_cursor": "c2"})
		case "c2":
			writeJSON(w, 200, map[string]any{"data": []any{map[string]any{"id": "c", "status": "ready"}}, "next_cursor": "c3"})
		default:
			writeJSON(w, 200, map[string]any{"data": []any{map[string]any{"id": "d", "status": "archived"}}, "next_cursor": nil})
		}
	})
	params := vt.SessionsListParams{Limit: vt.Int(2), Created: map[string]int64{"gt": 1, "lt": 5}, Labels: map[string]string{"team": "x"}}
	var ids []string
	for s, err := range c.Sessions.ListAutoPaging(bg, params) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, s.ID)
	}
	if strings.Join(ids, ",") != "a,b,c,d" {
		t.Fatalf("ids %v", ids)
	}
	if len(queries) != 3 || queries[0] != "created%5Bgt%5D=1&created%5Blt%5D=5&limit=2&team=x" ||
		!strings.Contains(queries[1], "cursor=c2") || !strings.Contains(queries[2], "cursor=c3") {
		t.Fatalf("queries %q", queries)
	}
	pages := 0
	for p, err := range c.Sessions.ListPages(bg, vt.SessionsListParams{}) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if pages == 1 && len(p.Data) != 2 {
			t.Fatalf("first page %+v", p)
		}
		break
	}
	if pages != 1 {
		t.Fatal("breaking out of the loop did not stop")
	}
}

func TestOpenEnumsKeepUnknownValues(t *testing.T) {
	var s vt.Session
	if err := json.Unmarshal([]byte(`{"id":"x","status":"archived","title":null}`), &s); err != nil {
		t.Fatal(err)
	}
	if s.Status != "archived" || s.Status == vt.SessionStatusReady {
		t.Fatalf("status %q", s.Status)
	}
	b, _ := json.Marshal(s)
	if string(b) != `{"id":"x","title":null,"status":"archived"}` {
		t.Fatalf("round trip %s", b)
	}
}

func TestNullableDistinguishesAbsentNullAndValue(t *testing.T) {
	var bodies []string
	c := server(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		bodies = append(bodies, string(b))
		if r.Method != http.MethodPatch || r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("%s %s", r.Method, r.Header.Get("Content-Type"))
		}
		writeJSON(w, 200, map[string]any{"id": "s1", "status": "ready", "title": nil})
	})
	for _, u := range []vt.SessionUpdate{{}, {Title: vt.Null[string]()}, {Title: vt.NewNullable("t"), Language: vt.String("en")}} {
		s, err := c.Sessions.Update(bg, "s1", u)
		if err != nil {
			t.Fatal(err)
		}
		if !s.Title.IsNull() || s.Title.IsZero() {
			t.Fatalf("title %+v", s.Title)
		}
	}
	want := []string{`{}`, `{"title":null}`, `{"title":"t","language":"en"}`}
	if strings.Join(bodies, "|") != strings.Join(want, "|") {
		t.Fatalf("bodies %q", bodies)
	}
	var s vt.Session
	_ = json.Unmarshal([]byte(`{"id":"x","status":"ready"}`), &s)
	if s.Title.IsSet() {
		t.Fatal("absent title is set")
	}
}

func TestServerSentEventsAreTyped(t *testing.T) {
	c := server(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Accept") != "text/event-stream" {
			t.Errorf("accept %q", r.Header.Get("Accept"))
		}
		w.Header().Set("Content-Type", "text/event-stream")
		fl := w.(http.Flusher)
		fmt.Fprint(w, ": keep-alive\n\n")
		fmt.Fprint(w, "id: 1\nevent: queued\ndata: {\"percent\": 0,\ndata: \"stage\": \"queued\"}\n\n")
		fl.Flush()
		time.Sleep(20 * time.Millisecond)
		fmt.Fprint(w, "id: 2\nevent: done\ndata: {\"percent\": 100, \"stage\": \"completed\"}\n\n")
	})
	stream, err := c.Sessions.StreamProgress(bg, "s1")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for stream.Next() {
		ev := stream.Current()
		got = append(got, fmt.Sprintf("%s/%s:%d:%s", stream.Event().ID, stream.Event().Event, ev.Percent, *ev.Stage))
	}
	if err := stream.Err(); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, ",") != "1/queued:0:queued,2/done:100:completed" {
		t.Fatalf("events %v", got)
	}
}

func TestMultipartUpload(t *testing.T) {
	c := server(t, func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			t.Error(err)
		}
		f, h, err := r.FormFile("file")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(f)
		writeJSON(w, 200, map[string]any{"bytes": len(b), "filename": h.Filename, "purpose": r.FormValue("purpose") + "|" + h.Header.Get("Content-Type")})
	})
	res, err := c.Sessions.UploadVideo(bg, "s1", vt.SessionsUploadVideoParams{File: vt.NewFile(strings.NewReader("12345"), "a.mp4", "video/mp4"), Purpose: vt.String("test")})
	if err != nil {
		t.Fatal(err)
	}
	if res.Bytes != 5 || res.Filename != "a.mp4" || *res.Purpose != "test|video/mp4" {
		t.Fatalf("upload %+v", res)
	}
	path := filepath.Join(t.TempDir(), "clip.bin")
	if err := os.WriteFile(path, []byte("abc"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err = c.Sessions.UploadVideo(bg, "s1", vt.SessionsUploadVideoParams{File: f})
	if err != nil {
		t.Fatal(err)
	}
	if res.Bytes != 3 || res.Filename != "clip.bin" {
		t.Fatalf("upload %+v", res)
	}
}

func TestFormTextAndBinaryBodies(t *testing.T) {
	c := server(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/oauth/token":
			_ = r.ParseForm()
			writeJSON(w, 200, map[string]any{"access_token": r.PostForm.Get("grant_type") + ":" + strings.Join(r.PostForm["scope"], "+")})
		case strings.HasSuffix(r.URL.Path, ".vtt"):
			w.Header().Set("Content-Type", "text/vtt")
			fmt.Fprint(w, "WEBVTT\n\n00:00.000 --> 00:01.000\nhi\n")
		default:
			w.Header().Set("Content-Type", "video/mp4")
			_, _ = w.Write([]byte{0, 1, 2})
		}
	})
	tok, err := c.Tokens.Create(bg, vt.TokensCreateParams{GrantType: "client_credentials", Scope: []string{"a", "b"}})
	if err != nil {
		t.Fatal(err)
	}
	if *tok.AccessToken != "client_credentials:a+b" {
		t.Fatalf("token %+v", tok)
	}
	text, err := c.Sessions.GetTranscriptVtt(bg, "s/1")
	if err != nil || !strings.HasPrefix(text, "WEBVTT") {
		t.Fatalf("vtt %q %v", text, err)
	}
	b, err := c.Sessions.DownloadVideo(bg, "s1")
	if err != nil || len(b) != 3 {
		t.Fatalf("bytes %v %v", b, err)
	}
}

func TestRawResponseAndPerRequestHeaders(t *testing.T) {
	c := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Echo", r.Header.Get("X-Custom")+"|"+r.URL.Query().Get("extra"))
		writeJSON(w, 200, map[string]any{"id": "s1", "status": "ready"})
	})
	var resp *http.Response
	s, err := c.Sessions.Retrieve(bg, "s1", option.WithHeader("X-Custom", "yes"), option.WithQuery("extra", "q"), option.WithResponseInto(&resp))
	if err != nil || s != nil {
		t.Fatalf("%v %v", s, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.Header.Get("X-Echo") != "yes|q" || !strings.Contains(string(b), `"s1"`) {
		t.Fatalf("raw %v %s", resp.Header, b)
	}
}
