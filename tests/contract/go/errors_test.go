// Error paths through the SDK's typed errors: 400, 401, 404, 409, 415, 422, 501, each a
// problem document with the request id.
package contract

import (
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	vt "github.com/sdkgen/video-transcriber-go"
	"github.com/sdkgen/video-transcriber-go/option"
)

func uuid4() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

func TestAuthenticationErrorOnBadKey(t *testing.T) {
	for _, key := range []string{"vt_live_" + strings.Repeat("0", 32), "not-a-key"} {
		bad := vt.NewClient(option.WithAPIKey(key), option.WithBaseURL(os.Getenv("VT_BASE_URL")), option.WithMaxRetries(0))
		_, err := bad.Sessions.List(ctx(t), vt.SessionsListParams{})
		var authErr *vt.AuthenticationError
		if !errors.As(err, &authErr) {
			t.Fatalf("want AuthenticationError, got %T: %v", err, err)
		}
		checkProblem(t, err, 401)
		if h := authErr.Response.Header.Get("WWW-Authenticate"); !strings.HasPrefix(h, "Bearer") {
			t.Fatalf("WWW-Authenticate %q", h)
		}
	}
}

func TestNotFoundForUnknownSession(t *testing.T) {
	c := liveClient()
	missing := uuid4()
	var nf *vt.NotFoundError
	_, err := c.Sessions.Get(ctx(t), missing)
	if !errors.As(err, &nf) {
		t.Fatalf("want NotFoundError, got %T: %v", err, err)
	}
	checkProblem(t, err, 404)
	_, err = c.Sessions.Transcript(ctx(t), missing, vt.SessionsTranscriptParams{})
	if !errors.As(err, &nf) {
		t.Fatalf("want NotFoundError, got %T: %v", err, err)
	}
	checkProblem(t, err, 404)
}

func TestRefusedUploadsGetTheAnswer(t *testing.T) {
	c := liveClient()
	m := media(t)
	s := newSession(t, c, "refused uploads")
	bad := vt.NewClient(option.WithAPIKey("vt_live_"+strings.Repeat("0", 32)), option.WithMaxRetries(0))
	_, err := bad.Sessions.Upload(ctx(t), s.ID, vt.SessionsUploadParams{Video: open(t, m.wav)})
	var authErr *vt.AuthenticationError
	if !errors.As(err, &authErr) {
		t.Fatalf("want AuthenticationError, got %T: %v", err, err)
	}
	checkProblem(t, err, 401)
	_, err = c.Sessions.Upload(ctx(t), uuid4(), vt.SessionsUploadParams{Video: open(t, m.wav)})
	var nf *vt.NotFoundError
	if !errors.As(err, &nf) {
		t.Fatalf("want NotFoundError, got %T: %v", err, err)
	}
	checkProblem(t, err, 404)
}

func TestUnprocessableEntityNamesTheField(t *testing.T) {
	c := liveClient()
	var ue *vt.UnprocessableEntityError
	_, err := c.Sessions.Create(ctx(t), vt.SessionCreate{Name: ""})
	if !errors.As(err, &ue) || !contains(fields(t, err, 422), "name") {
		t.Fatalf("want 422 naming name, got %v", err)
	}
	_, err = c.Sessions.Create(ctx(t), vt.SessionCreate{Name: "x", Metadata: vt.Metadata{"team": strings.Repeat("v", 501)}})
	if !errors.As(err, &ue) || !contains(fields(t, err, 422), "metadata.team") {
		t.Fatalf("want 422 naming metadata.team, got %v", err)
	}
	s := newSession(t, c, "invalid transcription options")
	_, err = c.Sessions.Transcribe(ctx(t), s.ID, vt.TranscriptionOptions{Language: "not a language"})
	if !errors.As(err, &ue) || !contains(fields(t, err, 422), "language") {
		t.Fatalf("want 422 naming language, got %v", err)
	}
}

func TestBadRequestNamesTheQueryParameter(t *testing.T) {
	c := liveClient()
	var br *vt.BadRequestError
	_, err := c.Sessions.List(ctx(t), vt.SessionsListParams{Limit: vt.Int(0)})
	if !errors.As(err, &br) || !contains(fields(t, err, 400), "limit") {
		t.Fatalf("want 400 naming limit, got %v", err)
	}
	_, err = c.Sessions.List(ctx(t), vt.SessionsListParams{Cursor: vt.String("not-a-cursor")})
	if !errors.As(err, &br) || !contains(fields(t, err, 400), "cursor") {
		t.Fatalf("want 400 naming cursor, got %v", err)
	}
}

func TestConflictBeforeUpload(t *testing.T) {
	c := liveClient()
	s := newSession(t, c, "nothing uploaded")
	calls := map[string]func() error{
		"transcribe": func() error {
			_, err := c.Sessions.Transcribe(ctx(t), s.ID, vt.TranscriptionOptions{Language: "en"})
			return err
		},
		"transcription": func() error { _, err := c.Sessions.Transcription(ctx(t), s.ID); return err },
		"cancel":        func() error { _, err := c.Sessions.CancelTranscription(ctx(t), s.ID); return err },
		"transcript": func() error {
			_, err := c.Sessions.Transcript(ctx(t), s.ID, vt.SessionsTranscriptParams{})
			return err
		},
		"analytics": func() error { _, err := c.Sessions.Analytics(ctx(t), s.ID); return err },
		"progress": func() error {
			stream, err := c.Sessions.Progress(ctx(t), s.ID, vt.SessionsProgressParams{})
			if err != nil {
				return err
			}
			defer stream.Close()
			for stream.Next() {
			}
			return stream.Err()
		},
	}
	for name, call := range calls {
		err := call()
		var conflict *vt.ConflictError
		if !errors.As(err, &conflict) {
			t.Fatalf("%s: want ConflictError, got %T: %v", name, err, err)
		}
		checkProblem(t, err, 409)
	}
}

func TestConflictOnSecondUpload(t *testing.T) {
	c := liveClient()
	m := media(t)
	s := newSession(t, c, "uploaded twice")
	must(c.Sessions.Upload(ctx(t), s.ID, vt.SessionsUploadParams{Video: open(t, m.wav)}))
	_, err := c.Sessions.Upload(ctx(t), s.ID, vt.SessionsUploadParams{Video: open(t, m.wav)})
	var conflict *vt.ConflictError
	if !errors.As(err, &conflict) {
		t.Fatalf("want ConflictError, got %T: %v", err, err)
	}
	checkProblem(t, err, 409)
}

func TestUnsupportedMediaTypeForWebMOpus(t *testing.T) {
	c := liveClient()
	m := media(t)
	s := newSession(t, c, "opus in webm")
	_, err := c.Sessions.Upload(ctx(t), s.ID, vt.SessionsUploadParams{Video: open(t, m.webm)})
	var unsupported *vt.UnsupportedMediaTypeError
	if !errors.As(err, &unsupported) {
		t.Fatalf("want UnsupportedMediaTypeError, got %T: %v", err, err)
	}
	checkProblem(t, err, 415)
	after := must(c.Sessions.Get(ctx(t), s.ID))
	if after.Video.IsSet() && !after.Video.IsNull() {
		t.Fatalf("a refused upload was kept: %+v", after.Video)
	}
	if after.Status != vt.SessionStatusCreated && after.Status != vt.SessionStatusFailed {
		t.Fatalf("status %q", after.Status)
	}
}

func TestNotImplementedIsAServerError(t *testing.T) {
	c := liveClient()
	_, err := c.Webhooks.List(ctx(t), vt.WebhooksListParams{})
	var serverErr *vt.InternalServerError
	if !errors.As(err, &serverErr) {
		t.Fatalf("want InternalServerError, got %T: %v", err, err)
	}
	data := checkProblem(t, err, 501)
	if data["type"] != problems+"not-implemented" {
		t.Fatalf("type %v", data["type"])
	}
}
