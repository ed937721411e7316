// Runs the docs samples of the compiled samples module against a mock server
// (`cargo xtask corpus --wire`).
//
// Usage: node run.mjs SAMPLES_JS SDK_INDEX_JS LIMIT SECONDS. The client the samples build
// reads its base URL and credentials from the environment. Each sample runs alone: one line
// per sample on stdout, `WIRE {"index": i, "outcome": ok|rejected|parse|error, ...}`. A
// sample is done when its call returned (or it logged its first result: one page, one
// event), so a paginated list never walks more pages than the first.
import { pathToFileURL } from "node:url";

const [samplesPath, indexPath, limitArg, secondsArg] = process.argv.slice(2);
const limit = Number(limitArg);
const seconds = Number(secondsArg);

class Printed extends Error {}
class Timeout extends Error {}

const clip = (text, n = 600) => {
  const t = String(text ?? "").split(/\s+/).join(" ").trim();
  return t.length <= n ? t : t.slice(0, n) + "...";
};
const write = (o) => process.stdout.write("WIRE " + JSON.stringify(o) + "\n");

const sdk = await import(pathToFileURL(indexPath).href);
console.log = () => {
  throw new Printed();
};
const mod = await import(pathToFileURL(samplesPath).href);
let found = Object.entries(mod)
  .filter(([n, f]) => /^sample\d+_/.test(n) && typeof f === "function")
  .map(([n, f]) => [Number(/^sample(\d+)_/.exec(n)[1]), f])
  .sort((a, b) => a[0] - b[0]);
if (limit > 0) found = found.slice(0, limit);
for (const [index, fn] of found) {
  const out = { index };
  let timer;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Timeout()), seconds * 1000);
      }),
    ]);
    out.outcome = "ok";
  } catch (e) {
    if (e instanceof Printed) {
      out.outcome = "ok";
    } else if (e instanceof sdk.APIStatusError) {
      out.outcome = "rejected";
      out.status = e.status;
      out.violations = clip(e.headers.get("sl-violations") ?? "");
      out.body = clip(typeof e.body === "string" ? e.body : JSON.stringify(e.body));
    } else if (e instanceof sdk.APIResponseValidationError) {
      out.outcome = "parse";
      out.error = clip(`${e.message}${e.cause ? `: ${e.cause}` : ""}`);
    } else if (e instanceof Timeout) {
      out.outcome = "error";
      out.error = `no answer within ${seconds}s`;
    } else {
      out.outcome = "error";
      out.error = clip(`${e?.name ?? "Error"}: ${e?.message ?? e}${e?.cause ? ` (${e.cause})` : ""}`);
    }
  } finally {
    clearTimeout(timer);
  }
  write(out);
}
process.exit(0);
