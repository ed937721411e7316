// Runtime tests of the generated TypeScript SDK against a real local HTTP server.
// Run by tests/runtime.rs: SDK_DIR points at a package generated from
// spec/fixtures/ts_runtime.yaml and compiled with tsc (dist/index.js).
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { Readable } from "node:stream";
import { after, before, beforeEach, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const sdkDir = process.env.SDK_DIR;
assert.ok(sdkDir, "SDK_DIR must point at the generated package");
const sdk = await import(pathToFileURL(join(sdkDir, "dist", "index.js")).href);
const { Client, VideoTranscriber } = sdk;

/** Requests seen by the server, and the handler of the current test. */
let seen = [];
let handler = () => {};
let server;
let baseURL;

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function json(res, status, body, headers = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

before(async () => {
  server = createServer(async (req, res) => {
    const body = await readBody(req);
    const record = { method: req.method, url: req.url, headers: req.headers, body };
    seen.push(record);
    try {
      await handler(req, res, record);
    } catch (error) {
      res.writeHead(500);
      res.end(String(error));
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseURL = `http://127.0.0.1:${server.address().port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

beforeEach(() => {
  seen = [];
  handler = (_req, res) => json(res, 500, { title: "no handler" });
});

const client = (options = {}) =>
  new Client({ apiKey: "sk-test", baseURL, maxRetries: 2, ...options });

describe("client", () => {
  test("exports an API-named alias and reads the key from VT_API_KEY", async () => {
    assert.equal(VideoTranscriber, Client);
    process.env.VT_API_KEY = "from-env";
    try {
      const c = new Client({ baseURL });
      assert.equal(c.apiKey, "from-env");
    } finally {
      delete process.env.VT_API_KEY;
    }
  });

  test("sends the bearer token, and none on operations without security", async () => {
    handler = (req, res) => {
      if (req.url === "/health") return json(res, 200, { ok: true });
      json(res, 200, { id: "s1", status: "ready" });
    };
    const c = client();
    const session = await c.sessions.retrieve("s 1/x");
    assert.equal(session.id, "s1");
    assert.equal(seen[0].headers.authorization, "Bearer sk-test");
    assert.equal(seen[0].url, "/sessions/s%201%2Fx");
    assert.deepEqual(await c.health.retrieve(), { ok: true });
    assert.equal(seen[1].headers.authorization, undefined);
  });

  test("retries a 429 honouring Retry-After, then succeeds", async () => {
    let n = 0;
    handler = (_req, res) => {
      n += 1;
      if (n === 1) return json(res, 429, { title: "slow down" }, { "retry-after": "1" });
      json(res, 200, { id: "s1", status: "ready" });
    };
    const started = Date.now();
    const session = await client().sessions.retrieve("s1");
    const elapsed = Date.now() - started;
    assert.equal(session.id, "s1");
    assert.equal(seen.length, 2);
    assert.ok(elapsed >= 900, `waited ${elapsed}ms, expected about 1000ms`);
  });

  test("honours Retry-After as an HTTP date", async () => {
    let n = 0;
    handler = (_req, res) => {
      n += 1;
      if (n === 1) {
        const date = new Date(Date.now() - 1000).toUTCString();
        return json(res, 503, {}, { "retry-after": date });
      }
      json(res, 200, { id: "s1", status: "ready" });
    };
    const started = Date.now();
    await client().sessions.retrieve("s1");
    assert.equal(seen.length, 2);
    assert.ok(Date.now() - started < 900);
  });

  test("reuses the idempotency key across retries of a POST", async () => {
    let n = 0;
    handler = (_req, res) => {
      n += 1;
      if (n < 3) return json(res, 500, { title: "boom" }, { "retry-after-ms": "10" });
      json(res, 201, { id: "s2", status: "pending", title: "Demo" });
    };
    const session = await client().sessions.create({ title: "Demo" });
    assert.equal(session.id, "s2");
    assert.equal(seen.length, 3);
    const keys = seen.map((r) => r.headers["idempotency-key"]);
    assert.ok(keys[0] && keys[0].length > 10);
    assert.deepEqual(new Set(keys).size, 1);
    assert.deepEqual(JSON.parse(seen[0].body.toString()), { title: "Demo" });
    await client().sessions.create({ title: "x" }, { idempotencyKey: "mine" });
    assert.equal(seen[3].headers["idempotency-key"], "mine");
  });

  test("throws typed errors carrying status, request id and problem body", async () => {
    handler = (_req, res) => {
      res.writeHead(404, {
        "content-type": "application/problem+json",
        "x-request-id": "req_123",
      });
      res.end(JSON.stringify({ type: "about:blank", title: "Not Found", status: 404, detail: "no session s9" }));
    };
    await assert.rejects(client().sessions.retrieve("s9"), (error) => {
      assert.ok(error instanceof sdk.NotFoundError);
      assert.ok(error instanceof sdk.APIStatusError);
      assert.ok(error instanceof sdk.APIError);
      assert.equal(error.name, "NotFoundError");
      assert.equal(error.status, 404);
      assert.equal(error.requestId, "req_123");
      assert.equal(error.body.detail, "no session s9");
      assert.equal(error.headers.get("x-request-id"), "req_123");
      assert.equal(error.response.status, 404);
      assert.match(error.message, /404 Not Found: no session s9/);
      return true;
    });
    assert.equal(seen.length, 1, "404 is not retried");
  });

  test("does not retry 409 or 501", async () => {
    for (const status of [409, 501]) {
      seen.length = 0;
      handler = (_req, res) => json(res, status, { title: "no" }, { "retry-after": "0" });
      await assert.rejects(client({ maxRetries: 3 }).sessions.retrieve("s"), sdk.APIStatusError);
      assert.equal(seen.length, 1, `${status} was retried`);
    }
  });

  test("maps status families to error classes", async () => {
    const cases = [
      [400, sdk.BadRequestError],
      [401, sdk.AuthenticationError],
      [403, sdk.PermissionDeniedError],
      [409, sdk.ConflictError],
      [413, sdk.PayloadTooLargeError],
      [415, sdk.UnsupportedMediaTypeError],
      [422, sdk.UnprocessableEntityError],
      [429, sdk.RateLimitError],
      [502, sdk.InternalServerError],
    ];
    for (const [status, cls] of cases) {
      handler = (_req, res) => json(res, status, { message: "nope" });
      await assert.rejects(client({ maxRetries: 0 }).sessions.retrieve("s"), cls);
    }
  });

  test("writes query objects in deepObject and form styles", async () => {
    handler = (req, res) => json(res, 200, { data: [], next_cursor: null });
    await client().sessions.list({ created: { gt: 1, lt: 5 }, labels: { team: "a" } });
    const url = new URL(seen[0].url, baseURL);
    assert.equal(url.searchParams.get("created[gt]"), "1");
    assert.equal(url.searchParams.get("created[lt]"), "5");
    assert.equal(url.searchParams.get("team"), "a");
    assert.equal(url.searchParams.get("labels"), null);
  });

  test("iterates items across 3 pages and exposes pages", async () => {
    const pages = {
      "": { data: [{ id: "a", status: "ready" }, { id: "b", status: "ready" }], next_cursor: "c2" },
      c2: { data: [{ id: "c", status: "ready" }, { id: "d", status: "ready" }], next_cursor: "c3" },
      c3: { data: [{ id: "e", status: "ready" }], next_cursor: null },
    };
    handler = (req, res) => {
      const url = new URL(req.url, baseURL);
      assert.equal(url.searchParams.get("limit"), "2");
      json(res, 200, pages[url.searchParams.get("cursor") ?? ""]);
    };
    const ids = [];
    for await (const s of client().sessions.list({ limit: 2 })) ids.push(s.id);
    assert.deepEqual(ids, ["a", "b", "c", "d", "e"]);
    assert.equal(seen.length, 3);

    const first = await client().sessions.list({ limit: 2 });
    assert.equal(first.data.length, 2);
    assert.equal(first.body.next_cursor, "c2");
    assert.ok(first.hasNextPage());
    const second = await first.getNextPage();
    assert.deepEqual(second.data.map((s) => s.id), ["c", "d"]);
    let count = 0;
    for await (const page of first.iterPages()) count += page.data.length;
    assert.equal(count, 5);
  });

  test("uploads multipart form data the server can parse", async () => {
    handler = async (req, res, record) => {
      const form = await new Response(Readable.toWeb(Readable.from([record.body])), {
        headers: { "content-type": req.headers["content-type"] },
      }).formData();
      const file = form.get("file");
      json(res, 200, {
        bytes: file.size,
        filename: file.name,
        type: file.type,
        purpose: form.get("purpose"),
        text: await file.text(),
      });
    };
    const c = client();
    const data = new TextEncoder().encode("fake video bytes");
    const result = await c.sessions.uploadVideo("s1", {
      file: { data, filename: "clip.mp4", contentType: "video/mp4" },
      purpose: "transcribe",
    });
    assert.deepEqual(result, {
      bytes: 16,
      filename: "clip.mp4",
      type: "video/mp4",
      purpose: "transcribe",
      text: "fake video bytes",
    });
    assert.match(seen[0].headers["content-type"], /^multipart\/form-data; boundary=/);
    const blob = await c.sessions.uploadVideo("s1", { file: new Blob(["abc"]) });
    assert.equal(blob.bytes, 3);
    const stream = await c.sessions.uploadVideo("s1", {
      file: new Blob(["from a stream"]).stream(),
    });
    assert.equal(stream.text, "from a stream");
  });

  test("parses a server-sent event stream into typed events", async () => {
    handler = async (_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      const chunks = [
        ": a comment\r\n",
        "retry: 1500\r\n",
        "event: progress\r\nid: 1\r\ndata: {\"percent\":",
        "10,\r\ndata: \"stage\":\"upload\"}\r\n\r",
        "\n",
        "data: {\"percent\": 50}\n\n",
        "event: progress\rdata: {\"percent\": 100, \"stage\": \"done\"}\r\r",
      ];
      for (const chunk of chunks) {
        res.write(chunk);
        await new Promise((r) => setTimeout(r, 5));
      }
      res.end();
    };
    const stream = await client().sessions.streamProgress("s1");
    assert.ok(stream instanceof sdk.Stream);
    const events = [];
    for await (const event of stream) events.push(event);
    assert.deepEqual(events, [
      { percent: 10, stage: "upload" },
      { percent: 50 },
      { percent: 100, stage: "done" },
    ]);
    assert.equal(seen[0].headers.accept, "text/event-stream");

    const raw = [];
    for await (const e of (await client().sessions.streamProgress("s1")).events()) raw.push(e);
    assert.deepEqual(raw[0], { event: "progress", data: '{"percent":10,\n"stage":"upload"}', id: "1", retry: 1500 });
    assert.equal(raw[1].event, "message");
    assert.equal(raw[1].id, "1");
  });

  test("sends explicit null but omits absent fields in a PATCH", async () => {
    handler = (_req, res) => json(res, 200, { id: "s1", status: "ready", title: null });
    const c = client();
    const updated = await c.sessions.update("s1", { title: null });
    assert.equal(updated.title, null);
    assert.deepEqual(JSON.parse(seen[0].body.toString()), { title: null });
    await c.sessions.update("s1", { language: "en" });
    assert.deepEqual(JSON.parse(seen[1].body.toString()), { language: "en" });
    assert.equal(seen[1].method, "PATCH");
    assert.equal(seen[1].headers["content-type"], "application/json");
  });

  test("cancels a request through its AbortSignal", async () => {
    handler = () => {};
    const controller = new AbortController();
    const pending = client().sessions.retrieve("slow", { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(pending, sdk.APIUserAbortError);
    assert.equal(seen.length, 1);
  });

  test("times out with APIConnectionTimeoutError", async () => {
    handler = () => {};
    await assert.rejects(
      client().sessions.retrieve("slow", { timeout: 50, maxRetries: 0 }),
      sdk.APIConnectionTimeoutError,
    );
  });

  test("retries an attempt that timed out", async () => {
    let n = 0;
    handler = (_req, res) => {
      n += 1;
      if (n === 1) return; // never answers: the first attempt times out
      json(res, 200, { id: "s1", status: "ready" });
    };
    const session = await client().sessions.retrieve("s1", { timeout: 100 });
    assert.equal(session.id, "s1");
    assert.equal(seen.length, 2);
  });

  test("sends form-urlencoded bodies", async () => {
    handler = (_req, res) => json(res, 200, { access_token: "tok" });
    const token = await client().tokens.create({ grant_type: "client_credentials", scope: ["a", "b"] });
    assert.equal(token.access_token, "tok");
    assert.equal(seen[0].headers["content-type"], "application/x-www-form-urlencoded;charset=UTF-8");
    assert.equal(seen[0].body.toString(), "grant_type=client_credentials&scope=a&scope=b");
  });

  test("downloads binary responses as an ArrayBuffer", async () => {
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "video/mp4" });
      res.end(Buffer.from([0, 1, 2, 255]));
    };
    const bytes = await client().sessions.downloadVideo("s1");
    assert.ok(bytes instanceof ArrayBuffer);
    assert.deepEqual([...new Uint8Array(bytes)], [0, 1, 2, 255]);
  });

  test("passes unknown enum values through", async () => {
    handler = (_req, res) => json(res, 200, { id: "s1", status: "archived" });
    const session = await client().sessions.retrieve("s1");
    assert.equal(session.status, "archived");
  });

  test("gives access to the raw response", async () => {
    handler = (_req, res) =>
      json(res, 200, { id: "s1", status: "ready" }, { "x-request-id": "req_9" });
    const { data, response, requestId } = await client().sessions.retrieve("s1").withResponse();
    assert.equal(data.id, "s1");
    assert.equal(response.status, 200);
    assert.equal(requestId, "req_9");
    const raw = await client().sessions.retrieve("s1").asResponse();
    assert.equal((await raw.json()).id, "s1");
  });

  test("reads text responses and empty bodies", async () => {
    handler = (req, res) => {
      if (req.method === "DELETE") {
        res.writeHead(204);
        return res.end();
      }
      res.writeHead(200, { "content-type": "text/vtt" });
      res.end("WEBVTT\n\n00:00.000 --> 00:01.000\nhello\n");
    };
    const vtt = await client().sessions.getTranscriptVtt("s1");
    assert.match(vtt, /^WEBVTT/);
    assert.equal(seen[0].headers.accept, "text/vtt");
    assert.equal(await client().sessions.delete("s1"), undefined);
  });
});

// spec/fixtures/auth.yaml: every operation answers what credentials it received.
describe("auth schemes", () => {
  const authDir = process.env.AUTH_SDK_DIR;
  assert.ok(authDir, "AUTH_SDK_DIR must point at the package of auth.yaml");
  let Vault;
  before(async () => {
    ({ Client: Vault } = await import(pathToFileURL(join(authDir, "dist", "index.js")).href));
  });
  const ENV = [
    "VAULT_API_KEY",
    "VAULT_USERNAME",
    "VAULT_PASSWORD",
    "VAULT_APP_ID",
    "VAULT_APP_SECRET",
    "VAULT_SESSION_COOKIE",
    "VAULT_PARTNER_KEY",
    "VAULT_OAUTH",
  ];
  beforeEach(() => {
    for (const name of ENV) delete process.env[name];
    handler = (req, res) => {
      const url = new URL(req.url, "http://x");
      json(res, 200, {
        authorization: req.headers.authorization,
        app_id: req.headers["x-app-id"],
        partner_key: req.headers["x-partner-key"],
        cookie: req.headers.cookie,
        query: url.search.replace(/^\?/, ""),
      });
    };
  });
  const vault = (options = {}) => new Vault({ baseURL, maxRetries: 0, ...options });

  test("1. the first alternative with credentials: bearer, else basic", async () => {
    assert.equal((await vault({ apiKey: "tok" }).items.list()).authorization, "Bearer tok");
    const basic = await vault({ username: "u", password: "p" }).items.list();
    assert.equal(basic.authorization, "Basic dTpw");
    const both = await vault({ apiKey: "tok", username: "u", password: "p" }).items.list();
    assert.equal(both.authorization, "Bearer tok");
    const noPassword = await vault({ username: "u" }).items.list();
    assert.equal(noPassword.authorization, `Basic ${btoa("u:")}`);
  });

  test("2. schemes required together are sent together, or not at all", async () => {
    const seen = await vault({ appId: "id1", appSecret: "s3" }).reports.retrieve();
    assert.equal(seen.app_id, "id1");
    assert.equal(seen.query, "app_secret=s3");
    const half = await vault({ appId: "id1", apiKey: "tok" }).reports.retrieve();
    assert.equal(half.app_id, undefined);
    assert.equal(half.query, "");
    assert.equal(half.authorization, undefined);
  });

  test("3. an API key in a cookie", async () => {
    const seen = await vault({ sessionCookie: "c", apiKey: "tok" }).session.retrieve();
    assert.equal(seen.cookie, "SESSION=c");
    assert.equal(seen.authorization, undefined);
  });

  test("4. no credentials where the operation takes none", async () => {
    const seen = await vault({ apiKey: "tok", appId: "id1" }).status.retrieve();
    assert.deepEqual(seen, { query: "" });
  });

  test("5. optional credentials: sent when set, none otherwise", async () => {
    const anonymous = await vault({ apiKey: "tok" }).feed.retrieve();
    assert.deepEqual(anonymous, { query: "" });
    const partner = await vault({ partnerKey: "pk" }).feed.retrieve();
    assert.equal(partner.partner_key, "pk");
    assert.equal(partner.authorization, undefined);
  });

  test("6. alternatives in order: the OAuth token, else the bearer token", async () => {
    const both = await vault({ oauth: "oa", apiKey: "tok" }).admin.retrieve();
    assert.equal(both.authorization, "Bearer oa");
    const key = await vault({ apiKey: "tok" }).admin.retrieve();
    assert.equal(key.authorization, "Bearer tok");
  });

  test("7. options default to their environment variables", async () => {
    process.env.VAULT_APP_ID = "env-id";
    process.env.VAULT_APP_SECRET = "env-secret";
    try {
      const c = vault();
      assert.equal(c.appId, "env-id");
      const seen = await c.reports.retrieve();
      assert.equal(seen.app_id, "env-id");
      assert.equal(seen.query, "app_secret=env-secret");
      const given = await vault({ appId: "given" }).reports.retrieve();
      assert.equal(given.app_id, "given");
    } finally {
      delete process.env.VAULT_APP_ID;
      delete process.env.VAULT_APP_SECRET;
    }
  });

  test("explicit request headers and query win over credentials", async () => {
    const c = vault({ apiKey: "tok", appId: "id1", appSecret: "s3" });
    const items = await c.items.list({ headers: { Authorization: "Bearer mine" } });
    assert.equal(items.authorization, "Bearer mine");
    const report = await c.reports.retrieve({ query: { app_secret: "mine" } });
    assert.equal(report.query, "app_secret=mine");
  });
});

describe("cookie parameters", () => {
  test("join the Cookie header, encoded where a cookie cannot hold a character", async () => {
    handler = (req, res) => json(res, 200, { cookie: req.headers.cookie ?? null });
    const c = client();
    const got = await c.preferences.retrieve({ theme: "dark mode; x", ids: [1, 2] });
    assert.equal(got.cookie, "theme=dark%20mode%3B%20x; ids=1,2");
    assert.equal((await c.preferences.retrieve()).cookie, null);
  });
});
