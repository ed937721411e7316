//! The Go runner of `cargo xtask corpus --wire`: the samples program the corpus builds
//! (`sdkgen_go::sample::program`, in a module that replaces the SDK's module path with its
//! folder, as samples_go.rs lays it out), its `main` turned into `wireSetup` (the docs'
//! context and client) and `wireSamples` (the samples in order), built with
//! `xtask/wire/run.go` as its `main` into one binary that runs each sample in a child
//! process of its own.

use anyhow::{Context, Result};
use sdkgen_core::ir::Api;
use sdkgen_core::sample::LangSamples;
use std::path::Path;
use std::process::Command;

use crate::corpus::run_check;
use crate::lang_go::go_cmd;

/// Lays out and builds the runner in `scratch`; the command that runs it (LIMIT and
/// SECONDS are added by the caller).
pub fn runner(
    api: &Api,
    samples: &LangSamples,
    sdk: &Path,
    scratch: &Path,
    log: &mut String,
) -> Result<Command> {
    let pkg = sdkgen_go::model::build(api, None);
    let (program, count) = crate::samples_go::lay_out(api, samples, sdk, scratch, "wire")?;
    let source = wire_program(&program, &pkg.name, count)?;
    std::fs::write(scratch.join("main.go"), &source)?;
    std::fs::write(scratch.join("run.go"), include_str!("../wire/run.go"))?;
    // What the upload samples open.
    for f in ["file.bin", "image.png", "clip.mp4", "audio.mp3"] {
        std::fs::write(scratch.join(f), b"file contents")?;
    }
    run_check(
        "go build (wire)",
        go_cmd("go", scratch).args(["build", "-o", "wire", "."]),
        log,
    )?;
    Ok(Command::new(scratch.join("wire")))
}

/// The samples program with its `main` (the set-up, then every sample called in turn)
/// replaced by `wireSetup`, which returns the set-up's context and client, and
/// `wireSamples`, the `n` sample functions in order.
fn wire_program(program: &str, pkg: &str, n: usize) -> Result<String> {
    let start = program
        .find("\nfunc main() {\n")
        .context("the samples program has no main")?;
    let body_start = start + "\nfunc main() {\n".len();
    let len = program[body_start..]
        .find("\n}\n")
        .context("the samples program's main does not end")?;
    let body = &program[body_start..body_start + len];
    let mut out = program[..start].to_string();
    out.push_str(&format!(
        "\nfunc wireSetup() (context.Context, *{pkg}.Client) {{\n"
    ));
    for l in body.lines() {
        let t = l.trim();
        let is_call = t
            .strip_prefix("sample")
            .and_then(|r| r.strip_suffix("(ctx, client)"))
            .is_some_and(|d| d.chars().all(|c| c.is_ascii_digit()));
        if !is_call {
            out.push_str(l);
            out.push('\n');
        }
    }
    out.push_str("\treturn ctx, client\n}\n");
    out.push_str(&format!(
        "\nvar wireSamples = []func(context.Context, *{pkg}.Client){{"
    ));
    for i in 0..n {
        if i % 8 == 0 {
            out.push_str("\n\t");
        } else {
            out.push(' ');
        }
        out.push_str(&format!("sample{i},"));
    }
    out.push_str("\n}\n");
    out.push_str(&program[body_start + len + 2..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_becomes_set_up_and_sample_list() {
        let setup = "import (\n\t\"context\"\n\t\"fmt\"\n\t\"log\"\n\n\t\"example.com/acme\"\n)\n\nctx := context.Background()\nclient := acme.NewClient() // ACME_API_KEY";
        let snippets = vec![
            (
                "a".to_string(),
                "result, err := client.A(ctx)\nif err != nil {\n\tlog.Fatal(err)\n}\nfmt.Printf(\"%+v\\n\", result)".to_string(),
            ),
            (
                "b".to_string(),
                "if err := client.B(ctx); err != nil {\n\tlog.Fatal(err)\n}".to_string(),
            ),
        ];
        let program = sdkgen_go::sample::program(setup, "acme", &snippets);
        let out = wire_program(&program, "acme", 2).unwrap();
        assert!(!out.contains("func main()"), "{out}");
        assert!(out.contains("func wireSetup() (context.Context, *acme.Client) {\n\tctx := context.Background()\n\tclient := acme.NewClient() // ACME_API_KEY\n\treturn ctx, client\n}\n"), "{out}");
        assert!(out.contains("var wireSamples = []func(context.Context, *acme.Client){\n\tsample0, sample1,\n}\n"), "{out}");
        assert!(out.contains("func sample0(ctx context.Context, client *acme.Client) {"));
        assert!(out.contains("func sample1(ctx context.Context, client *acme.Client) {"));
    }

    /// A samples program of every outcome against an httptest server, run by run.go.
    const FAKE_SAMPLES: &str = r#"package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"time"
)

type Client struct{ url string }

var srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/bad":
		w.Header().Set("sl-violations", `[{"message":"bad"}]`)
		w.WriteHeader(422)
		io.WriteString(w, `{"error":"x"}`)
	case "/parse":
		io.WriteString(w, `{"a":"notint"}`)
	default:
		io.WriteString(w, `{"a":1}`)
	}
}))

func wireSetup() (context.Context, *Client) { return context.Background(), &Client{srv.URL} }

func get(c *Client, p string) (map[string]int, error) {
	resp, err := http.DefaultClient.Get(c.url + p)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 300 {
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	var m map[string]int
	return m, json.Unmarshal(b, &m)
}

func s0(ctx context.Context, c *Client) {
	r, err := get(c, "/ok")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%+v\n", r)
}
func s1(ctx context.Context, c *Client) {
	_, err := get(c, "/bad")
	if err != nil {
		log.Fatal(err)
	}
}
func s2(ctx context.Context, c *Client) {
	_, err := get(c, "/parse")
	if err != nil {
		log.Fatal(err)
	}
}
func s3(ctx context.Context, c *Client) { time.Sleep(10 * time.Second) }
func s4(ctx context.Context, c *Client) { var m map[string]int; m["a"] = 1 }
func s5(ctx context.Context, c *Client) { log.Fatal("no response") }
func s6(ctx context.Context, c *Client) {
	for i := 0; ; i++ {
		fmt.Println(i)
		if i > 0 { log.Fatal("page 2") }
	}
}
func s7(ctx context.Context, c *Client) { get(c, "/ok") }

var wireSamples = []func(context.Context, *Client){s0, s1, s2, s3, s4, s5, s6, s7}
"#;

    #[test]
    fn runner_reports_each_outcome() {
        let go_ok = Command::new("go")
            .arg("version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !go_ok {
            eprintln!("SKIPPED: go is not installed");
            return;
        }
        let dir = crate::root().join("target/wire-go-test");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("go.mod"), "module example.com/w\n\ngo 1.24\n").unwrap();
        std::fs::write(dir.join("main.go"), FAKE_SAMPLES).unwrap();
        std::fs::write(dir.join("run.go"), include_str!("../wire/run.go")).unwrap();
        let mut log = String::new();
        run_check(
            "go build",
            go_cmd("go", &dir).args(["build", "-o", "wire", "."]),
            &mut log,
        )
        .unwrap();
        let out = Command::new(dir.join("wire"))
            .args(["0", "3"])
            .current_dir(&dir)
            .output()
            .unwrap();
        let samples = LangSamples {
            lang: "go".into(),
            label: "Go".into(),
            setup: String::new(),
            samples: (0..8)
                .map(|i| sdkgen_core::sample::Sample {
                    operation: format!("s{i}"),
                    code: String::new(),
                })
                .collect(),
        };
        let calls =
            crate::wire::parse_lines(&String::from_utf8_lossy(&out.stdout), &samples).unwrap();
        let got: Vec<String> = calls
            .iter()
            .map(|c| crate::wire::describe(&c.outcome))
            .collect();
        assert_eq!(got.len(), 8, "{got:?}");
        assert_eq!(got[0], "ok");
        assert_eq!(got[1], "rejected 422: [{\"message\":\"bad\"}]");
        assert_eq!(
            got[2],
            "parse failure: json: cannot unmarshal string into Go value of type int"
        );
        assert_eq!(got[3], "error: no answer within 3s");
        assert!(
            got[4].starts_with(
                "error: the sample died (exit status 2): panic: assignment to entry in nil map"
            ),
            "{}",
            got[4]
        );
        assert_eq!(got[5], "error: no response");
        // Printed its first result before a later page failed; returned without printing.
        assert_eq!(got[6], "ok");
        assert_eq!(got[7], "ok");
    }
}
