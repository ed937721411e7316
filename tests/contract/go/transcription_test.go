// The whole path a user takes: session -> upload -> transcribe -> progress -> transcript.
package contract

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	vt "github.com/sdkgen/video-transcriber-go"
	"github.com/sdkgen/video-transcriber-go/option"
)

var stages = []vt.ProgressStage{"queued", "extracting_audio", "transcribing", "diarizing", "finalizing", "completed"}

const (
	srtTime = `\d\d:\d\d:\d\d,\d\d\d --> \d\d:\d\d:\d\d,\d\d\d`
	vttTime = `(\d\d:)?\d\d:\d\d\.\d\d\d --> (\d\d:)?\d\d:\d\d\.\d\d\d`
)

func rawTranscript(t *testing.T, c *vt.Client, id string, format vt.TranscriptFormat) (*http.Response, string) {
	t.Helper()
	var resp *http.Response
	_, err := c.Sessions.Transcript(ctx(t), id, vt.SessionsTranscriptParams{Format: &format}, option.WithResponseInto(&resp))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	// The typed companion gives the same text.
	text, err := c.Sessions.TranscriptText(ctx(t), id, vt.SessionsTranscriptParams{Format: &format})
	if err != nil {
		t.Fatal(err)
	}
	if text != string(b) {
		t.Fatalf("TranscriptText %q differs from the raw body %q", text, b)
	}
	return resp, text
}

func TestUploadTranscribeAndExport(t *testing.T) {
	c := liveClient()
	clip := media(t).mp4
	session := must(c.Sessions.Create(ctx(t), vt.SessionCreate{Name: "contract: go sdk", Metadata: vt.Metadata{"suite": "go"}}))
	if session.Object != "session" || session.Status != vt.SessionStatusCreated || !session.Livemode ||
		(session.Video.IsSet() && !session.Video.IsNull()) || session.Metadata["suite"] != "go" {
		t.Fatalf("new session %+v", session)
	}

	upload := must(c.Sessions.Upload(ctx(t), session.ID, vt.SessionsUploadParams{Video: open(t, clip)}))
	data, err := os.ReadFile(clip)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if upload.SessionID != session.ID || upload.Filename != filepath.Base(clip) || upload.SizeBytes != int64(len(data)) ||
		upload.ChecksumSha256 != hex.EncodeToString(sum[:]) || upload.DurationSeconds <= 2.0 {
		t.Fatalf("upload %+v", upload)
	}

	uploaded := must(c.Sessions.Get(ctx(t), session.ID))
	if v, ok := uploaded.Video.Get(); uploaded.Status != vt.SessionStatusUploaded || !ok || v.ID != upload.ID {
		t.Fatalf("after upload %+v", uploaded)
	}

	job := must(c.Sessions.Transcribe(ctx(t), session.ID, vt.TranscriptionOptions{Language: "en"}))
	if job.SessionID != session.ID || job.Options.Language != "en" ||
		!slices.Contains([]vt.TranscriptionJobStatus{"queued", "running", "completed"}, job.Status) {
		t.Fatalf("job %+v", job)
	}

	stream := must(c.Sessions.Progress(ctx(t), session.ID, vt.SessionsProgressParams{}))
	var events []vt.ProgressEvent
	for ev, err := range stream.All() {
		if err != nil {
			t.Fatal(err)
		}
		events = append(events, ev)
	}
	if len(events) == 0 {
		t.Fatal("the progress stream ended without an event")
	}
	last := -1
	for i, e := range events {
		idx := slices.Index(stages, e.Stage)
		if idx < 0 || idx < last {
			t.Fatalf("stages out of order or unknown: %v", events)
		}
		last = idx
		if e.Percent < 0 || e.Percent > 100 || (i > 0 && e.Percent < events[i-1].Percent) {
			t.Fatalf("percent: %v", events)
		}
		if e.JobID != job.ID || e.SessionID != session.ID {
			t.Fatalf("event of another job: %+v", e)
		}
	}
	if end := events[len(events)-1]; end.Stage != "completed" || end.Percent != 100 {
		t.Fatalf("last event %+v", end)
	}

	// A new connection replays the latest event (its SSE `event:` name is the stage);
	// resuming after it with Last-Event-ID gives nothing more, and the stream ends.
	replay := must(c.Sessions.Progress(ctx(t), session.ID, vt.SessionsProgressParams{}))
	var raw []vt.Event
	for replay.Next() {
		raw = append(raw, replay.Event())
	}
	if err := replay.Err(); err != nil {
		t.Fatal(err)
	}
	if len(raw) != 1 || raw[0].Event != "completed" || raw[0].ID == "" {
		t.Fatalf("replay %+v", raw)
	}
	resumed := must(c.Sessions.Progress(ctx(t), session.ID, vt.SessionsProgressParams{LastEventID: vt.String(raw[0].ID)}))
	if resumed.Next() {
		t.Fatalf("an event after Last-Event-ID: %+v", resumed.Event())
	}
	if err := resumed.Err(); err != nil {
		t.Fatal(err)
	}

	done := must(c.Sessions.Transcription(ctx(t), session.ID))
	if done.ID != job.ID || done.Status != "completed" {
		t.Fatalf("job after stream %+v", done)
	}

	transcript := must(c.Sessions.Transcript(ctx(t), session.ID, vt.SessionsTranscriptParams{}))
	if transcript.SessionID != session.ID || transcript.Language != "en" || len(transcript.Segments) == 0 ||
		transcript.DurationSeconds <= 2.0 {
		t.Fatalf("transcript %+v", transcript)
	}
	for _, p := range robustPhrases {
		if !strings.Contains(words(transcript.Text), p) {
			t.Fatalf("%q missing from %q", p, transcript.Text)
		}
	}
	for i, s := range transcript.Segments {
		if s.End < s.Start || (i > 0 && s.Start < transcript.Segments[i-1].Start) {
			t.Fatalf("segments %+v", transcript.Segments)
		}
	}

	srt, body := rawTranscript(t, c, session.ID, vt.TranscriptFormatSrt)
	if ct := srt.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/x-subrip") || srt.Header.Get("X-Request-Id") == "" {
		t.Fatalf("srt content type %q", ct)
	}
	if !regexp.MustCompile(`^1\r?\n`+srtTime+`\r?\n\S`).MatchString(body) || !strings.Contains(words(body), "lazy dog") {
		t.Fatalf("srt %q", body)
	}
	cues := regexp.MustCompile(`(?m)^(\d+)\r?\n`+srtTime).FindAllStringSubmatch(body, -1)
	for i, cue := range cues {
		if cue[1] != strconv.Itoa(i+1) {
			t.Fatalf("cue numbers %v", cues)
		}
	}

	vtt, body := rawTranscript(t, c, session.ID, vt.TranscriptFormatVtt)
	if ct := vtt.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/vtt") {
		t.Fatalf("vtt content type %q", ct)
	}
	if !strings.HasPrefix(body, "WEBVTT") || !regexp.MustCompile(`(?m)^`+vttTime).MatchString(body) ||
		!strings.Contains(words(body), "lazy dog") {
		t.Fatalf("vtt %q", body)
	}

	txt, body := rawTranscript(t, c, session.ID, vt.TranscriptFormatTxt)
	if ct := txt.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") || !strings.Contains(words(body), "transcription works") {
		t.Fatalf("txt %q %q", ct, body)
	}

	finished := must(c.Sessions.Get(ctx(t), session.ID))
	if finished.Status != vt.SessionStatusCompleted || finished.Language.Value() != "en" {
		t.Fatalf("finished %+v", finished)
	}
	analytics := must(c.Sessions.Analytics(ctx(t), session.ID))
	if analytics.SessionID != session.ID || analytics.WordCount < 6 {
		t.Fatalf("analytics %+v", analytics)
	}

	// A finished job cannot be cancelled, and the video cannot be replaced.
	var conflict *vt.ConflictError
	if _, err := c.Sessions.CancelTranscription(ctx(t), session.ID); !errors.As(err, &conflict) {
		t.Fatalf("cancel after completion: %v", err)
	}
	if _, err := c.Sessions.Upload(ctx(t), session.ID, vt.SessionsUploadParams{Video: open(t, clip)}); !errors.As(err, &conflict) {
		t.Fatalf("second upload: %v", err)
	}
}
