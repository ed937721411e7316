// The usage the SDK is designed for (issue #2), type-checked against sdks/typescript.
import { Client, NotFoundError } from "../../../../sdks/typescript/src/index.js";

export async function main(): Promise<void> {
  const client = new Client(); // key from VT_API_KEY, or new Client({ apiKey })
  const session = await client.sessions.create({ name: "Weekly sync" });
  await client.sessions.upload(session.id, {
    video: new Blob([new Uint8Array([0, 1, 2])]),
  });
  await client.sessions.transcribe(session.id, { language: "en" });
  for await (const event of await client.sessions.progress(session.id)) {
    console.log(event.percent);
  }
  console.log((await client.sessions.transcript(session.id)).text);
  for await (const s of client.sessions.list({ limit: 50 })) {
    console.log(s.name, s.status);
  }
  await client.sessions.update(session.id, { description: null });
  try {
    await client.sessions.get("missing");
  } catch (e) {
    if (e instanceof NotFoundError) console.log(e.status, e.requestId);
  }
}
