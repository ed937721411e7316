// Error paths through the SDK's typed errors: 400, 401, 404, 409, 415, 422, 501, each a problem
// document with the request id.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { test } from "node:test";

import {
  AuthenticationError,
  BadRequestError,
  Client,
  ConflictError,
  InternalServerError,
  NotFoundError,
  UnprocessableEntityError,
  UnsupportedMediaTypeError,
} from "../../../sdks/typescript/src/index.js";
import {
  baseURL,
  checkProblem,
  fields,
  liveClient,
  media,
  PROBLEMS,
  rejects,
} from "./helpers.js";

test("401 for a bad key", async () => {
  for (const apiKey of ["vt_live_" + "0".repeat(32), "not-a-key"]) {
    const bad = new Client({ apiKey, baseURL, maxRetries: 0 });
    const error = await rejects(bad.sessions.list(), AuthenticationError);
    checkProblem(error, 401);
    assert.match(error.headers.get("www-authenticate") ?? "", /^Bearer/);
  }
});

test("404 for an unknown session", async () => {
  const client = liveClient();
  const missing = randomUUID();
  checkProblem(await rejects(client.sessions.get(missing), NotFoundError), 404);
  checkProblem(
    await rejects(client.sessions.transcript(missing), NotFoundError),
    404,
  );
});

test("uploads refused before their body is read still get the answer", async () => {
  // The server answers before it reads the file; the client must see that answer, not a
  // connection reset while it is still sending.
  const data = await readFile(media().wav);
  const video = { data, filename: "speech.wav", contentType: "audio/wav" };
  const bad = new Client({
    apiKey: "vt_live_" + "0".repeat(32),
    baseURL,
    maxRetries: 0,
  });
  const live = liveClient();
  const s = await live.sessions.create({ name: "refused uploads" });
  for (let i = 0; i < 3; i++) {
    checkProblem(
      await rejects(bad.sessions.upload(s.id, { video }), AuthenticationError),
      401,
    );
    checkProblem(
      await rejects(
        live.sessions.upload(randomUUID(), { video }),
        NotFoundError,
      ),
      404,
    );
  }
});

test("422 names the field", async () => {
  const client = liveClient();
  let error = await rejects(
    client.sessions.create({ name: "" }),
    UnprocessableEntityError,
  );
  assert.ok(fields(error).includes("name"));

  // A body the types forbid, as a JavaScript caller could send it.
  error = await rejects(
    client.sessions.create({} as unknown as { name: string }),
    UnprocessableEntityError,
  );
  assert.ok(fields(error).includes("name"));

  error = await rejects(
    client.sessions.create({ name: "x", metadata: { team: "v".repeat(501) } }),
    UnprocessableEntityError,
  );
  assert.ok(fields(error).includes("metadata.team"), fields(error).join(","));

  const s = await client.sessions.create({ name: "invalid options" });
  error = await rejects(
    client.sessions.transcribe(s.id, { language: "not a language" }),
    UnprocessableEntityError,
  );
  assert.ok(fields(error).includes("language"));
  error = await rejects(
    client.sessions.transcribe(s.id, {} as unknown as { language: string }),
    UnprocessableEntityError,
  );
  assert.ok(fields(error).includes("language"));
});

test("400 names the query parameter", async () => {
  const client = liveClient();
  let error = await rejects(
    client.sessions.list({ limit: 0 }),
    BadRequestError,
  );
  assert.ok(fields(error, 400).includes("limit"));
  error = await rejects(
    client.sessions.list({ cursor: "not-a-cursor" }),
    BadRequestError,
  );
  assert.ok(fields(error, 400).includes("cursor"));
});

test("409 before an upload", async () => {
  const client = liveClient();
  const s = await client.sessions.create({ name: "nothing uploaded" });
  const calls: Array<() => PromiseLike<unknown>> = [
    () => client.sessions.transcribe(s.id, { language: "en" }),
    () => client.sessions.transcription(s.id),
    () => client.sessions.cancelTranscription(s.id),
    () => client.sessions.transcript(s.id),
    () => client.sessions.analytics(s.id),
    () => client.sessions.progress(s.id),
  ];
  for (const call of calls) {
    checkProblem(await rejects(call(), ConflictError), 409);
  }
});

test("409 for a second upload", async () => {
  const client = liveClient();
  const s = await client.sessions.create({ name: "uploaded twice" });
  const data = await readFile(media().wav);
  const video = { data, filename: "speech.wav", contentType: "audio/wav" };
  await client.sessions.upload(s.id, { video });
  checkProblem(
    await rejects(client.sessions.upload(s.id, { video }), ConflictError),
    409,
  );
});

test("415 for a WebM/Opus upload", async () => {
  const client = liveClient();
  const s = await client.sessions.create({ name: "opus in webm" });
  const data = await readFile(media().webm);
  const error = await rejects(
    client.sessions.upload(s.id, {
      video: { data, filename: "clip.webm", contentType: "video/webm" },
    }),
    UnsupportedMediaTypeError,
  );
  checkProblem(error, 415);
  const after = await client.sessions.get(s.id);
  assert.equal(after.video, null);
  assert.ok(["created", "failed"].includes(after.status), after.status);
});

test("501 for an operation the server does not implement", async () => {
  const client = liveClient();
  const error = await rejects(client.webhooks.list(), InternalServerError);
  const body = checkProblem(error, 501);
  assert.equal(body["type"], PROBLEMS + "not-implemented");
});
