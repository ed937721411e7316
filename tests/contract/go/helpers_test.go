// Contract tests of the generated Go SDK (sdks/go) against a running vtserver.
//
// `cargo xtask contract` starts the server on a fresh data directory and runs these with
// VT_BASE_URL, VT_API_KEY (live) and VT_TEST_API_KEY (test mode) set. The media is made
// here, at test time: espeak-ng speaks a sentence, ffmpeg muxes it with a black video track.
package contract

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	vt "github.com/sdkgen/video-transcriber-go"
	"github.com/sdkgen/video-transcriber-go/option"
)

// tiny.en gets these through reliably under greedy decoding (conventions/whisper.md).
const sentence = "The transcription works. The quick brown fox jumps over the lazy dog."

var robustPhrases = []string{"transcription works", "lazy dog"}

const problems = "https://videotranscriber.dev/problems/"

func TestMain(m *testing.M) {
	for _, name := range []string{"VT_BASE_URL", "VT_API_KEY", "VT_TEST_API_KEY"} {
		if os.Getenv(name) == "" {
			fmt.Fprintf(os.Stderr, "%s is not set: run the contract tests with `cargo xtask contract`, which starts vtserver and creates the keys\n", name)
			os.Exit(2)
		}
	}
	os.Exit(m.Run())
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	return c
}

// liveClient takes its key and URL from VT_API_KEY / VT_BASE_URL, as a user's would. No
// retries: every status the server gives must be seen as it is.
func liveClient() *vt.Client {
	return vt.NewClient(option.WithMaxRetries(0), option.WithTimeout(120*time.Second))
}

func testClient() *vt.Client {
	return vt.NewClient(option.WithAPIKey(os.Getenv("VT_TEST_API_KEY")), option.WithMaxRetries(0), option.WithTimeout(120*time.Second))
}

type clips struct {
	wav, mp4, webm string
}

var (
	mediaOnce sync.Once
	madeClips clips
	mediaErr  error
)

func run(name string, args ...string) error {
	if _, err := exec.LookPath(name); err != nil {
		return fmt.Errorf("%s is needed (tools/setup.sh installs it)", name)
	}
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s: %v: %s", name, err, out)
	}
	return nil
}

// media makes speech.wav (espeak-ng), clip.mp4 (black video + AAC) and clip.webm (Opus), once.
func media(t *testing.T) clips {
	t.Helper()
	mediaOnce.Do(func() {
		dir, err := os.MkdirTemp("", "vt-contract-go-")
		if err != nil {
			mediaErr = err
			return
		}
		c := clips{wav: filepath.Join(dir, "speech.wav"), mp4: filepath.Join(dir, "clip.mp4"), webm: filepath.Join(dir, "clip.webm")}
		ff := []string{"-nostdin", "-y", "-loglevel", "error"}
		steps := [][]string{
			{"espeak-ng", "-s", "150", "-w", c.wav, sentence},
			append(append([]string{"ffmpeg"}, ff...), "-f", "lavfi", "-i", "color=c=black:s=160x120:r=10", "-i", c.wav,
				"-shortest", "-c:v", "mpeg4", "-c:a", "aac", "-b:a", "64k", "-movflags", "+faststart", c.mp4),
			append(append([]string{"ffmpeg"}, ff...), "-i", c.wav, "-c:a", "libopus", "-b:a", "32k", c.webm),
		}
		for _, s := range steps {
			if mediaErr = run(s[0], s[1:]...); mediaErr != nil {
				return
			}
		}
		madeClips = c
	})
	if mediaErr != nil {
		t.Fatal(mediaErr)
	}
	return madeClips
}

func open(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// words: lower case, punctuation dropped, single spaces.
func words(text string) string {
	re := regexp.MustCompile(`[^a-z0-9' ]+`)
	return strings.Join(strings.Fields(re.ReplaceAllString(strings.ToLower(text), " ")), " ")
}

// checkProblem asserts the error is an RFC 9457 problem with the status and the request id,
// and returns the problem's members.
func checkProblem(t *testing.T, err error, status int) map[string]any {
	t.Helper()
	var apiErr *vt.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("want an *APIError with status %d, got %T: %v", status, err, err)
	}
	if apiErr.StatusCode != status {
		t.Fatalf("status %d, want %d: %v", apiErr.StatusCode, status, err)
	}
	if apiErr.RequestID == "" {
		t.Fatalf("no X-Request-Id on the error response")
	}
	if ct := apiErr.Response.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Fatalf("content type %q", ct)
	}
	p := apiErr.Problem
	if p == nil {
		t.Fatalf("no problem body: %s", apiErr.Body)
	}
	if p.Status != status || p.Title == "" || !strings.HasPrefix(p.Type, problems) {
		t.Fatalf("bad problem: %+v", p)
	}
	if p.Instance != apiErr.Request.URL.Path {
		t.Fatalf("instance %q, want %q", p.Instance, apiErr.Request.URL.Path)
	}
	return p.Data
}

// fields returns the fields a problem's `errors` name (422 for bodies, 400 for queries).
func fields(t *testing.T, err error, status int) []string {
	t.Helper()
	data := checkProblem(t, err, status)
	list, ok := data["errors"].([]any)
	if !ok || len(list) == 0 {
		t.Fatalf("no errors in %v", data)
	}
	var out []string
	for _, e := range list {
		m, ok := e.(map[string]any)
		if !ok || m["message"] == nil || m["message"] == "" {
			t.Fatalf("bad error entry in %v", data)
		}
		out = append(out, fmt.Sprint(m["field"]))
	}
	return out
}

func contains(list []string, want string) bool {
	for _, s := range list {
		if s == want {
			return true
		}
	}
	return false
}

// must returns v, failing the test (by a panic, which go test reports with the stack)
// on an error.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func newSession(t *testing.T, c *vt.Client, name string) *vt.Session {
	t.Helper()
	return must(c.Sessions.Create(ctx(t), vt.SessionCreate{Name: name}))
}
