// Compile-time checks of the generated SDK's types (copied into the package's src/ by
// tests/runtime.rs and compiled with its strict tsconfig). Never executed.
import {
  Client,
  NotFoundError,
  type Session,
  type SessionStatus,
  type SessionsUpdateParams,
} from "./index.js";

export async function typetest(client: Client): Promise<void> {
  // Open enums accept values the SDK does not know yet, and still autocomplete.
  const future: SessionStatus = "archived";
  const known: SessionStatus = "ready";

  // Nullable fields take an explicit null; optional fields may be absent...
  const clear: SessionsUpdateParams = { title: null };
  const keep: SessionsUpdateParams = {};
  // ...but not `undefined` (exactOptionalPropertyTypes).
  // @ts-expect-error absent is distinct from undefined
  const bad: SessionsUpdateParams = { language: undefined };

  // Paginated lists iterate typed items across pages.
  for await (const session of client.sessions.list({ limit: 50 })) {
    const id: string = session.id;
    void id;
  }
  const page = await client.sessions.list();
  const first: Session | undefined = page.data[0];

  // Streams yield typed events.
  const stream = await client.sessions.streamProgress("s1");
  for await (const event of stream) {
    const percent: number = event.percent;
    void percent;
  }

  // Raw responses and typed errors.
  const { data, response, requestId } = await client.sessions
    .retrieve("s1")
    .withResponse();
  const status: number = response.status;
  try {
    await client.sessions.delete("s1", { timeout: 1000, maxRetries: 0 });
  } catch (error) {
    if (error instanceof NotFoundError) {
      const rid: string | null = error.requestId;
      void rid;
    }
  }

  // Uploads accept bytes with a file name.
  await client.sessions.uploadVideo("s1", {
    file: { data: new Uint8Array([1, 2]), filename: "a.mp4" },
  });

  // An APIPromise is a Promise (Symbol.toStringTag included), so it can be stored as one.
  const asPromise: Promise<Session> = client.sessions.retrieve("s1");
  const tag: string = asPromise[Symbol.toStringTag];

  void [future, known, clear, keep, bad, first, data, requestId, status, tag];
}
