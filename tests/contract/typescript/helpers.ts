// Shared by the contract tests: clients from the environment, media made at test time,
// and checks of problem documents.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { APIStatusError, Client } from "../../../sdks/typescript/src/index.js";

export const PROBLEMS = "https://videotranscriber.dev/problems/";
// tiny.en gets these through reliably under greedy decoding (conventions/whisper.md).
export const SENTENCE =
  "The transcription works. The quick brown fox jumps over the lazy dog.";
export const ROBUST_PHRASES = ["transcription works", "lazy dog"];

export function env(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: run the contract tests with \`cargo xtask contract\``,
    );
  }
  return value;
}

export const baseURL = env("VT_BASE_URL");
env("VT_API_KEY");

/** The live client: key and URL from VT_API_KEY / VT_BASE_URL, no retries. */
export function liveClient(): Client {
  return new Client({ maxRetries: 0, timeout: 120_000 });
}

export function testClient(): Client {
  return new Client({
    apiKey: env("VT_TEST_API_KEY"),
    maxRetries: 0,
    timeout: 120_000,
  });
}

/** Lower case, punctuation dropped, single spaces. */
export function words(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, " ")
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .join(" ");
}

export interface Media {
  wav: string;
  mp4: string;
  webm: string;
}

let made: Media | undefined;

/** speech.wav (espeak-ng), clip.mp4 (black video + AAC), clip.webm (Opus), made once. */
export function media(): Media {
  if (made) return made;
  const dir = mkdtempSync(join(tmpdir(), "vt-contract-ts-"));
  const wav = join(dir, "speech.wav");
  const mp4 = join(dir, "clip.mp4");
  const webm = join(dir, "clip.webm");
  const run = (cmd: string, args: string[]) =>
    execFileSync(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
  run("espeak-ng", ["-s", "150", "-w", wav, SENTENCE]);
  const ff = ["-nostdin", "-y", "-loglevel", "error"];
  run("ffmpeg", [
    ...ff,
    ...["-f", "lavfi", "-i", "color=c=black:s=160x120:r=10", "-i", wav],
    ...["-shortest", "-c:v", "mpeg4", "-c:a", "aac", "-b:a", "64k"],
    ...["-movflags", "+faststart", mp4],
  ]);
  run("ffmpeg", [...ff, "-i", wav, "-c:a", "libopus", "-b:a", "32k", webm]);
  made = { wav, mp4, webm };
  return made;
}

export type ProblemBody = Record<string, unknown>;

/** Awaits `promise`, which must fail with an `APIStatusError` of class `kind`. */
export async function rejects<E extends APIStatusError>(
  promise: PromiseLike<unknown>,
  kind: abstract new (...args: never[]) => E,
): Promise<E> {
  try {
    await promise;
  } catch (error) {
    assert.ok(
      error instanceof kind,
      `expected ${kind.name}, got ${String(error)}`,
    );
    return error;
  }
  assert.fail(`expected ${kind.name}, the call succeeded`);
}

/** The error is an RFC 9457 problem with the status and the request id. */
export function checkProblem(
  error: APIStatusError,
  status: number,
): ProblemBody {
  assert.equal(error.status, status);
  assert.ok(error.requestId, "no X-Request-Id on the error response");
  const ctype = error.headers.get("content-type") ?? "";
  assert.ok(ctype.startsWith("application/problem+json"), ctype);
  assert.ok(typeof error.body === "object" && error.body !== null);
  const body = error.body as ProblemBody;
  assert.equal(body["status"], status);
  assert.ok(typeof body["title"] === "string" && body["title"].length > 0);
  assert.ok(String(body["type"]).startsWith(PROBLEMS), String(body["type"]));
  assert.equal(body["instance"], new URL(error.response.url).pathname);
  return body;
}

/** The fields a problem's `errors` name (422 for bodies, 400 for query parameters). */
export function fields(error: APIStatusError, status = 422): string[] {
  const body = checkProblem(error, status);
  const errors = body["errors"];
  assert.ok(Array.isArray(errors) && errors.length > 0, JSON.stringify(body));
  return errors.map((e: { field?: unknown; message?: unknown }) => {
    assert.ok(typeof e.message === "string" && e.message.length > 0);
    return String(e.field);
  });
}
