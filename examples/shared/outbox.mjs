// A durable, deduplicating JSONL outbox with a background worker, shared by
// the Express and Fastify examples.
//
// `accept()` appends the delivery to outbox.jsonl and syncs it to disk
// before the HTTP answer goes out (persist first), refusing a dedupe key it
// has already stored. A worker loop processes stored deliveries one by one
// and records each in processed.jsonl, so a restart resumes where it left
// off and a crash never loses an acknowledged delivery.
import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';

async function readLines(path) {
  try {
    const text = await readFile(path, 'utf8');
    // A torn last line (crash mid-write) is skipped: it was never acknowledged.
    return text.split('\n').filter(Boolean).flatMap((line) => {
      try {
        return [JSON.parse(line)];
      } catch {
        return [];
      }
    });
  } catch (err) {
    if (err.code === 'ENOENT') return [];
    throw err;
  }
}

export async function openOutbox(dir, { process: handle, retryMs = 1000 } = {}) {
  await mkdir(dir, { recursive: true });
  const outboxPath = join(dir, 'outbox.jsonl');
  const processedPath = join(dir, 'processed.jsonl');
  const stored = await readLines(outboxPath);
  const processed = new Set((await readLines(processedPath)).map((r) => r.dedupeKey));
  const seen = new Set(stored.map((r) => r.dedupeKey));
  const queue = stored.filter((r) => !processed.has(r.dedupeKey));
  const outbox = await open(outboxPath, 'a');
  const done = await open(processedPath, 'a');

  let wake = () => {};
  let running = true;

  async function append(file, record) {
    await file.appendFile(`${JSON.stringify(record)}\n`);
    await file.datasync();
  }

  /** Stores a verified delivery; false if its dedupe key is already stored. */
  async function accept(delivery) {
    const { dedupeKey } = delivery;
    if (seen.has(dedupeKey)) return false;
    seen.add(dedupeKey); // reserved before the await: concurrent copies see it
    const record = {
      dedupeKey,
      receivedAt: new Date().toISOString(),
      keyId: delivery.keyId,
      log: delivery.logRecord(),
      payload: delivery.event.payload,
    };
    try {
      await append(outbox, record);
    } catch (err) {
      seen.delete(dedupeKey);
      throw err;
    }
    queue.push(record);
    wake();
    return true;
  }

  async function worker() {
    while (running) {
      const record = queue[0];
      if (!record) {
        await new Promise((resolve) => { wake = resolve; });
        continue;
      }
      try {
        await handle(record);
        await append(done, { dedupeKey: record.dedupeKey, processedAt: new Date().toISOString() });
        queue.shift();
      } catch (err) {
        console.error(JSON.stringify({ level: 'error', msg: 'processing failed, will retry', dedupe_key: record.dedupeKey, error: String(err) }));
        await new Promise((resolve) => setTimeout(resolve, retryMs));
      }
    }
  }
  const loop = worker();

  async function close() {
    running = false;
    wake();
    await loop;
    await outbox.close();
    await done.close();
  }

  return { accept, close, pending: () => queue.length };
}
