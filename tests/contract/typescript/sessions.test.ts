// Sessions through the SDK: pagination, merge-patch updates, delete, test-mode isolation.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { test } from "node:test";

import { NotFoundError } from "../../../sdks/typescript/src/index.js";
import { liveClient, rejects, testClient } from "./helpers.js";

test("auto-pagination sees every session once, newest first", async () => {
  const client = liveClient();
  const tag = `page-${randomUUID().slice(0, 8)}`;
  const created: string[] = [];
  for (let i = 0; i < 7; i++) {
    created.push((await client.sessions.create({ name: `${tag}-${i}` })).id);
    await sleep(5); // distinct created_at (millisecond precision)
  }

  const first = await client.sessions.list({ limit: 2 });
  assert.equal(first.data.length, 2);
  assert.ok(first.hasNextPage());

  const all = [];
  for await (const s of client.sessions.list({ limit: 2 })) all.push(s);
  const ids = all.map((s) => s.id);
  assert.equal(new Set(ids).size, ids.length, "a session was returned twice");
  const mine = all.filter((s) => s.name.startsWith(tag)).map((s) => s.id);
  assert.deepEqual(mine, [...created].reverse());
  const stamps = all.map((s) => Date.parse(s.created_at));
  assert.deepEqual(
    stamps,
    [...stamps].sort((a, b) => b - a),
  );

  const paged: string[] = [];
  for await (const page of (
    await client.sessions.list({ limit: 3 })
  ).iterPages()) {
    assert.ok(page.data.length <= 3);
    paged.push(...page.data.map((s) => s.id));
  }
  assert.deepEqual(paged, ids);
});

test("update is a merge-patch", async () => {
  const client = liveClient();
  const s = await client.sessions.create({
    name: "patch me",
    description: "before",
    language: "en",
    metadata: { a: "1" },
  });
  const renamed = await client.sessions.update(s.id, { name: "patched" });
  assert.equal(renamed.name, "patched");
  assert.equal(renamed.description, "before");
  assert.equal(renamed.language, "en");
  assert.deepEqual(renamed.metadata, { a: "1" });

  const cleared = await client.sessions.update(s.id, {
    description: null,
    language: null,
  });
  assert.equal(cleared.description, null);
  assert.equal(cleared.language, null);
  assert.equal(cleared.name, "patched");
  assert.deepEqual(cleared.metadata, { a: "1" });

  const replaced = await client.sessions.update(s.id, { metadata: { b: "2" } });
  assert.deepEqual(replaced.metadata, { b: "2" });
  const emptied = await client.sessions.update(s.id, { metadata: null });
  assert.deepEqual(emptied.metadata, {});

  const again = await client.sessions.get(s.id);
  assert.deepEqual(
    [again.name, again.description, again.metadata],
    ["patched", null, {}],
  );
});

test("delete", async () => {
  const client = liveClient();
  const s = await client.sessions.create({ name: "delete me" });
  assert.equal(await client.sessions.delete(s.id), undefined);
  await rejects(client.sessions.get(s.id), NotFoundError);
  await rejects(client.sessions.delete(s.id), NotFoundError);
});

test("test-mode keys see only test data", async () => {
  const live = liveClient();
  const sandbox = testClient();
  const a = await live.sessions.create({ name: "live data" });
  const b = await sandbox.sessions.create({ name: "sandbox data" });
  assert.equal(a.livemode, true);
  assert.equal(b.livemode, false);

  const testIds = new Set<string>();
  for await (const s of sandbox.sessions.list({ limit: 50 })) {
    assert.equal(s.livemode, false);
    testIds.add(s.id);
  }
  assert.ok(testIds.has(b.id));
  assert.ok(!testIds.has(a.id));
  const liveIds = new Set<string>();
  for await (const s of live.sessions.list({ limit: 50 })) liveIds.add(s.id);
  assert.ok(!liveIds.has(b.id));

  await rejects(sandbox.sessions.get(a.id), NotFoundError);
  await rejects(live.sessions.get(b.id), NotFoundError);
  await rejects(sandbox.sessions.delete(a.id), NotFoundError);
  assert.equal((await live.sessions.get(a.id)).id, a.id);
});
