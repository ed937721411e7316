// The API reference in a real browser: headless Debian Chromium driven by playwright-core
// loads /docs from a running vtserver (VT_BASE_URL, VT_API_KEY), finds operations through
// the search box, sends real requests with try-it (createSession, then listSessions) and
// sees the real responses in the page; then opens a copy of the site from file:// and checks
// it works offline. Screenshots go to target/docs-browser/ (test artifacts).
//
// Run: node --test tests/docs-browser/  (cargo xtask contract --only docs does it)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const modules = process.env.SDKGEN_NODE_MODULES || join(root, ".tools/node/node_modules");
const require = createRequire(join(modules, "noop.js"));
const { chromium } = require("playwright-core");

const base = (process.env.VT_BASE_URL || "").replace(/\/+$/, "");
const key = process.env.VT_API_KEY || "";
const shots = join(root, "target/docs-browser");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const TIMEOUT = 30_000;

let context;
let profile;

before(async () => {
  assert.ok(base, "VT_BASE_URL is not set");
  assert.ok(key, "VT_API_KEY is not set");
  mkdirSync(shots, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), "sdkgen-docs-chromium-"));
  // Without these flags Chromium hangs on a closed network (updates, sync, QUIC...).
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1280, height: 900 },
    timeout: 60_000,
  });
  context.setDefaultTimeout(TIMEOUT);
});

after(async () => {
  if (context) await context.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function openThroughSearch(page, query, id) {
  await page.fill("#search", query);
  const hit = page.locator(`#results a[href="#op/${id}"]`);
  await hit.first().waitFor();
  await hit.first().click();
  await page.locator(`article.op[data-op="${id}"]`).waitFor();
}

async function send(page) {
  await page.click(".try-send");
  const status = page.locator(".try-status");
  await page.waitForFunction(
    () => /^\d{3} /.test(document.querySelector(".try-status")?.textContent || "")
      || /failed/.test(document.querySelector(".try-status")?.textContent || ""),
    null,
    { timeout: TIMEOUT },
  );
  const text = (await status.textContent()) || "";
  const body = (await page.locator(".try-body").textContent()) || "";
  return { status: Number(text.slice(0, 3)), text, body };
}

test("search finds operations and try-it sends real requests to vtserver", async () => {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const t0 = Date.now();
  await page.goto(`${base}/docs/`);
  await page.locator("#nav details.nav-group").first().waitFor();
  const loadMs = Date.now() - t0;
  assert.match(await page.title(), /Video Transcriber API/);

  // createSession, found by searching in words.
  await openThroughSearch(page, "create session", "createSession");
  assert.equal(await page.inputValue(".try-base"), base, "base URL defaults to the page's origin");
  await page.fill(".try-key", key);
  const name = `docs browser test ${Date.now()}`;
  await page.fill('.try-form input[name="name"]', name);
  const created = await send(page);
  assert.equal(created.status, 201, `createSession: ${created.text}\n${created.body}`);
  const session = JSON.parse(created.body);
  assert.equal(session.name, name);
  assert.ok(session.id, "the created session has an id");
  await page.screenshot({ path: join(shots, "create-session.png"), fullPage: false });

  // A nested type expands on click (lazily rendered).
  const nestedBefore = await page.locator("tr.nested").count();
  await page.locator("button.expand").first().click();
  assert.equal(await page.locator("tr.nested").count(), nestedBefore + 1);

  // listSessions: the key is remembered for the session; the new session is listed.
  await openThroughSearch(page, "list sessions", "listSessions");
  assert.equal(await page.inputValue(".try-key"), key, "the API key is kept");
  await page.fill('.try-form input[name="limit"]', "5");
  const listed = await send(page);
  assert.equal(listed.status, 200, `listSessions: ${listed.text}\n${listed.body}`);
  const page1 = JSON.parse(listed.body);
  assert.ok(Array.isArray(page1.data));
  assert.ok(page1.data.some((s) => s.id === session.id), "the new session is on the first page");
  await page.locator(".try-body").scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, "list-sessions.png"), fullPage: false });

  // Only one operation is rendered at a time (no giant DOM).
  assert.equal(await page.locator("article.page").count(), 1);
  assert.deepEqual(errors, []);
  console.log(`docs page loaded in ${loadMs} ms; screenshots in ${shots}`);
  await page.close();
});

/// A short WAV: speech from espeak-ng when it is installed (tools/setup.sh), else a tone.
function clip(dir) {
  const path = join(dir, "speech.wav");
  try {
    execFileSync("espeak-ng", ["-s", "150", "-w", path, "The docs test speaks a short sentence."]);
    return path;
  } catch {
    const rate = 16000, n = rate * 2;
    const buf = Buffer.alloc(44 + n * 2);
    buf.write("RIFF", 0); buf.writeUInt32LE(36 + n * 2, 4); buf.write("WAVEfmt ", 8);
    buf.writeUInt32LE(16, 16); buf.writeUInt16LE(1, 20); buf.writeUInt16LE(1, 22);
    buf.writeUInt32LE(rate, 24); buf.writeUInt32LE(rate * 2, 28); buf.writeUInt16LE(2, 32);
    buf.writeUInt16LE(16, 34); buf.write("data", 36); buf.writeUInt32LE(n * 2, 40);
    for (let i = 0; i < n; i++) buf.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
    writeFileSync(path, buf);
    return path;
  }
}

async function openOp(page, id, sessionId) {
  await page.evaluate((id) => { location.hash = "#op/" + id; }, id);
  await page.locator(`article.op[data-op="${id}"]`).waitFor();
  await page.fill(".try-key", key);
  if (sessionId) await page.fill('.try-form input[name="session_id"]', sessionId);
}

test("try-it uploads a file and shows the progress stream as it arrives", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sdkgen-docs-clip-"));
  try {
    const wav = clip(dir);
    const r = await fetch(`${base}/api/v2/sessions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "docs browser stream" }),
    });
    assert.equal(r.status, 201);
    const session = await r.json();
    const page = await context.newPage();
    await page.goto(`${base}/docs/`);

    // multipart/form-data: a file input per binary field.
    await openOp(page, "uploadSessionVideo", session.id);
    await page.setInputFiles('.try-form input[type="file"][name="video"]', wav);
    const uploaded = await send(page);
    assert.equal(uploaded.status, 201, `upload: ${uploaded.text}\n${uploaded.body}`);

    await openOp(page, "startTranscription", session.id);
    const started = await send(page);
    assert.ok([200, 201, 202].includes(started.status), `transcribe: ${started.text}\n${started.body}`);

    // text/event-stream: events appear while the response is still open, with a Stop button.
    await openOp(page, "streamTranscriptionProgress", session.id);
    await page.click(".try-send");
    await page.waitForFunction(() => /event:/.test(document.querySelector(".try-body")?.textContent || ""), null, { timeout: TIMEOUT });
    await page.waitForFunction(
      () => /completed|failed/.test(document.querySelector(".try-body")?.textContent || "")
        && document.querySelector(".try-stop")?.hidden,
      null,
      { timeout: 180_000 },
    );
    const status = (await page.locator(".try-status").textContent()) || "";
    const body = (await page.locator(".try-body").textContent()) || "";
    assert.match(status, /^200 /);
    assert.match(body, /event: ?completed/, body);
    await page.locator(".try-body").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, "progress-stream.png") });
    await page.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a copy of the site works offline from file://", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sdkgen-docs-site-"));
  try {
    mkdirSync(join(dir, "assets"));
    for (const f of ["index.html", "assets/docs.js", "assets/docs.css", "assets/data.js"]) {
      const r = await fetch(`${base}/docs/${f === "index.html" ? "" : f}`);
      assert.equal(r.status, 200, f);
      writeFileSync(join(dir, f), await r.text());
    }
    const page = await context.newPage();
    const requests = [];
    page.on("request", (r) => requests.push(r.url()));
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(join(dir, "index.html")).href);
    await page.fill("#search", "transcript");
    await page.locator("#results a").first().waitFor();
    await page.locator('#results a[data-kind="schema"]').first().click();
    await page.locator("article.schema-page").waitFor();
    // Try-it defaults to the spec's first server when not served over http.
    await openThroughSearch(page, "get session", "getSession");
    assert.match(await page.inputValue(".try-base"), /^https?:\/\//);
    assert.deepEqual(requests.filter((u) => !u.startsWith("file://")), [], "no network request");
    assert.deepEqual(errors, []);
    await page.screenshot({ path: join(shots, "offline.png") });
    await page.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
