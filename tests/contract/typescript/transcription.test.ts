// The whole path a user takes: session -> upload -> transcribe -> progress -> transcript.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { test } from "node:test";

import {
  APIResponseValidationError,
  ConflictError,
  type ProgressEvent,
} from "../../../sdks/typescript/src/index.js";
import {
  liveClient,
  media,
  rejects,
  ROBUST_PHRASES,
  words,
} from "./helpers.js";

const STAGES = [
  "queued",
  "extracting_audio",
  "transcribing",
  "diarizing",
  "finalizing",
  "completed",
];
const SRT_TIME = String.raw`\d\d:\d\d:\d\d,\d\d\d --> \d\d:\d\d:\d\d,\d\d\d`;
const VTT_TIME = String.raw`(\d\d:)?\d\d:\d\d\.\d\d\d --> (\d\d:)?\d\d:\d\d\.\d\d\d`;

test("upload, transcribe, follow progress, read and export the transcript", async () => {
  const client = liveClient();
  const clip = await readFile(media().mp4);

  const session = await client.sessions.create({
    name: "contract: typescript sdk",
    metadata: { suite: "typescript" },
  });
  assert.equal(session.object, "session");
  assert.equal(session.status, "created");
  assert.equal(session.livemode, true);
  assert.equal(session.video, null);
  assert.deepEqual(session.metadata, { suite: "typescript" });

  const upload = await client.sessions.upload(session.id, {
    video: { data: clip, filename: "clip.mp4", contentType: "video/mp4" },
  });
  assert.equal(upload.session_id, session.id);
  assert.equal(upload.filename, "clip.mp4");
  assert.equal(upload.size_bytes, clip.length);
  assert.equal(
    upload.checksum_sha256,
    createHash("sha256").update(clip).digest("hex"),
  );
  assert.ok((upload.duration_seconds ?? 0) > 2);

  const uploaded = await client.sessions.get(session.id);
  assert.equal(uploaded.status, "uploaded");
  assert.equal(uploaded.video?.id, upload.id);

  const job = await client.sessions.transcribe(session.id, { language: "en" });
  assert.equal(job.session_id, session.id);
  assert.ok(
    ["queued", "running", "completed"].includes(job.status),
    job.status,
  );
  assert.equal(job.options.language, "en");

  const events: ProgressEvent[] = [];
  for await (const event of await client.sessions.progress(session.id)) {
    events.push(event);
  }
  const stages = events.map((e) => e.stage);
  assert.ok(events.length > 0, "the progress stream ended without an event");
  assert.equal(stages.at(-1), "completed", stages.join(","));
  const order = stages.map((s) => STAGES.indexOf(s));
  assert.ok(!order.includes(-1), stages.join(","));
  assert.deepEqual(
    order,
    [...order].sort((a, b) => a - b),
    stages.join(","),
  );
  const percents = events.map((e) => e.percent);
  assert.deepEqual(
    percents,
    [...percents].sort((a, b) => a - b),
  );
  assert.ok(percents.every((p) => p >= 0 && p <= 100));
  assert.equal(percents.at(-1), 100);
  assert.deepEqual([...new Set(events.map((e) => e.job_id))], [job.id]);
  assert.deepEqual([...new Set(events.map((e) => e.session_id))], [session.id]);

  // A new connection replays the latest event (its SSE `event:` name is the stage); resuming
  // after it with Last-Event-ID gives nothing more, and the stream ends.
  const replay = [];
  for await (const raw of (
    await client.sessions.progress(session.id)
  ).events()) {
    replay.push(raw);
  }
  assert.deepEqual(
    replay.map((e) => e.event),
    ["completed"],
  );
  const lastId = replay[0]?.id ?? "";
  assert.ok(lastId.length > 0);
  const resumed = await client.sessions.progress(session.id, {
    "Last-Event-ID": lastId,
  });
  for await (const raw of resumed.events())
    assert.fail(`unexpected ${raw.data}`);

  const done = await client.sessions.transcription(session.id);
  assert.equal(done.id, job.id);
  assert.equal(done.status, "completed");

  const transcript = await client.sessions.transcript(session.id);
  assert.equal(transcript.session_id, session.id);
  assert.equal(transcript.language, "en");
  for (const phrase of ROBUST_PHRASES) {
    assert.ok(
      words(transcript.text).includes(phrase),
      `${phrase} missing from ${JSON.stringify(transcript.text)}`,
    );
  }
  assert.ok(transcript.segments.length > 0);
  const starts = transcript.segments.map((s) => s.start);
  assert.deepEqual(
    starts,
    [...starts].sort((a, b) => a - b),
  );
  assert.ok(transcript.segments.every((s) => s.end >= s.start));
  assert.ok(transcript.duration_seconds > 2);

  // The text renderings come through `transcriptText`, the companion of `transcript`.
  const srt = await client.sessions
    .transcriptText(session.id, { format: "srt" })
    .asResponse();
  assert.ok(
    srt.headers.get("content-type")?.startsWith("application/x-subrip"),
  );
  assert.ok(srt.headers.get("x-request-id"));
  const srtText = await srt.text();
  assert.match(
    srtText,
    new RegExp(String.raw`^1\r?\n` + SRT_TIME + String.raw`\r?\n\S`),
  );
  assert.ok(words(srtText).includes("lazy dog"), srtText);
  const cues = [
    ...srtText.matchAll(new RegExp(String.raw`^(\d+)\r?\n` + SRT_TIME, "gm")),
  ];
  assert.deepEqual(
    cues.map((m) => m[1]),
    cues.map((_, i) => String(i + 1)),
  );

  const vttText = await client.sessions.transcriptText(session.id, {
    format: "vtt",
  });
  assert.ok(vttText.startsWith("WEBVTT"), vttText);
  assert.match(vttText, new RegExp("^" + VTT_TIME, "m"));
  assert.ok(words(vttText).includes("lazy dog"), vttText);

  // The JSON method asked for text says which method reads it, not a JSON decode error.
  await assert.rejects(
    client.sessions.transcript(session.id, { format: "srt" }),
    (err: unknown) =>
      err instanceof APIResponseValidationError &&
      err.message.includes("transcriptText"),
  );

  const finished = await client.sessions.get(session.id);
  assert.equal(finished.status, "completed");
  assert.equal(finished.language, "en");

  const analytics = await client.sessions.analytics(session.id);
  assert.equal(analytics.session_id, session.id);
  assert.ok(analytics.word_count >= 6);

  // A finished job cannot be cancelled, and the video cannot be replaced.
  await rejects(client.sessions.cancelTranscription(session.id), ConflictError);
  await rejects(
    client.sessions.upload(session.id, {
      video: { data: clip, filename: "clip.mp4", contentType: "video/mp4" },
    }),
    ConflictError,
  );
});
