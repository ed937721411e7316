// Runs the docs samples of the Go SDK against a mock server (`cargo xtask corpus --wire`).
//
// This file joins the samples program (main.go: the functions sampleN, `wireSetup`, which
// builds the context and the client as the docs do, and `wireSamples`, every sample in
// order) in one package main.
//
// Usage: wire LIMIT SECONDS. The client reads its base URL and credentials from the
// environment. Each sample runs alone, in a child process (`wire -one N`) killed after
// SECONDS: one line per sample on stdout, `WIRE {"index": i, "outcome":
// ok|rejected|parse|error, ...}`. A sample is done when it returned or printed its first
// result (one page, one event), so a paginated list never walks more pages than the
// first. A sample that fails calls log.Fatal: the last response decides the outcome (a
// status of 300 or more: rejected; a 2xx: the response did not decode, parse; none: error).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

func main() {
	if len(os.Args) == 3 && os.Args[1] == "-one" {
		index, err := strconv.Atoi(os.Args[2])
		if err != nil || index < 0 || index >= len(wireSamples) {
			fmt.Fprintf(os.Stderr, "wire: no sample %q\n", os.Args[2])
			os.Exit(2)
		}
		one(index)
		return
	}
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: wire LIMIT SECONDS")
		os.Exit(2)
	}
	limit, err1 := strconv.Atoi(os.Args[1])
	seconds, err2 := strconv.Atoi(os.Args[2])
	if err1 != nil || err2 != nil {
		fmt.Fprintln(os.Stderr, "usage: wire LIMIT SECONDS")
		os.Exit(2)
	}
	n := len(wireSamples)
	if limit > 0 && limit < n {
		n = limit
	}
	for i := 0; i < n; i++ {
		fmt.Println("WIRE " + child(i, seconds))
	}
}

// clip collapses white space and cuts the text to n bytes.
func clip(text string, n int) string {
	t := strings.Join(strings.Fields(text), " ")
	if len(t) <= n {
		return t
	}
	return strings.ToValidUTF8(t[:n], "") + "..."
}

func line(v map[string]any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf(`{"index": %v, "outcome": "error", "error": "cannot encode the outcome"}`, v["index"])
	}
	return string(b)
}

// child runs sample i in a process of its own and returns its WIRE line's JSON.
func child(i, seconds int) string {
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(seconds)*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-one", strconv.Itoa(i))
	cmd.WaitDelay = 2 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	for _, l := range strings.Split(stdout.String(), "\n") {
		if rest, ok := strings.CutPrefix(l, "WIRE "); ok {
			return rest
		}
	}
	out := map[string]any{"index": i, "outcome": "error"}
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		out["error"] = fmt.Sprintf("no answer within %ds", seconds)
	default:
		// A panic's message, else the end of what the sample wrote.
		tail := strings.TrimSpace(stderr.String())
		if at := strings.LastIndex(tail, "panic: "); at >= 0 {
			tail = tail[at:]
		} else if len(tail) > 600 {
			tail = tail[len(tail)-600:]
		}
		out["error"] = clip(fmt.Sprintf("the sample died (%v): %s", err, tail), 600)
	}
	return line(out)
}

// recorder keeps the status, the sl-violations header and the start of the body of the
// last response.
type recorder struct {
	base http.RoundTripper

	mu         sync.Mutex
	status     int
	violations string
	body       *capped
}

type capped struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (c *capped) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if room := 4096 - c.buf.Len(); room > 0 {
		c.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

func (c *capped) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.String()
}

type teeBody struct {
	io.Reader
	io.Closer
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := r.base.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	body := &capped{}
	r.mu.Lock()
	r.status, r.violations, r.body = resp.StatusCode, resp.Header.Get("sl-violations"), body
	r.mu.Unlock()
	resp.Body = teeBody{Reader: io.TeeReader(resp.Body, body), Closer: resp.Body}
	return resp, nil
}

func (r *recorder) last() (int, string, string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	body := ""
	if r.body != nil {
		body = r.body.String()
	}
	return r.status, r.violations, body
}

var (
	realStdout *os.File
	reportMu   sync.Mutex
)

// report prints the WIRE line to the real stdout and ends the process; the first caller
// wins.
func report(out map[string]any) {
	reportMu.Lock()
	fmt.Fprintln(realStdout, "WIRE "+line(out))
	_ = realStdout.Sync()
	os.Exit(0)
}

// fatal receives what log.Fatal writes: the sample failed, unless it printed a result
// first (a later page failing), which the reader of the pipe gets to report.
type fatal struct {
	index  int
	rec    *recorder
	stdout *os.File
	eof    chan struct{}
}

func (f fatal) Write(p []byte) (int, error) {
	_ = f.stdout.Close()
	select {
	case <-f.eof:
	case <-time.After(time.Second):
	}
	status, violations, body := f.rec.last()
	out := map[string]any{"index": f.index}
	msg := clip(string(p), 600)
	switch {
	case status >= 300:
		out["outcome"] = "rejected"
		out["status"] = status
		out["violations"] = clip(violations, 600)
		out["body"] = clip(body, 600)
		out["error"] = msg
	case status >= 200:
		out["outcome"] = "parse"
		out["status"] = status
		out["error"] = msg
	default:
		out["outcome"] = "error"
		out["error"] = msg
	}
	report(out)
	return len(p), nil
}

// one runs sample index in this process.
func one(index int) {
	rec := &recorder{base: http.DefaultTransport}
	http.DefaultTransport = rec
	http.DefaultClient.Transport = rec
	realStdout = os.Stdout
	r, w, err := os.Pipe()
	if err != nil {
		report(map[string]any{"index": index, "outcome": "error", "error": err.Error()})
	}
	os.Stdout = w
	eof := make(chan struct{})
	go func() {
		var b [1]byte
		if n, _ := r.Read(b[:]); n > 0 {
			// The sample printed its first result.
			report(map[string]any{"index": index, "outcome": "ok"})
		}
		close(eof)
	}()
	log.SetFlags(0)
	log.SetOutput(fatal{index: index, rec: rec, stdout: w, eof: eof})
	ctx, client := wireSetup()
	wireSamples[index](ctx, client)
	report(map[string]any{"index": index, "outcome": "ok"})
}
