// Chaos: 300 asks from the real client (streamAsk, in Node) through a local
// proxy that cuts connections at seeded random byte offsets, to the real handler
// with a memory resume store. Loopback only, bounded in count (300 asks, at most
// 3 cuts per ask) and in time. Every ask must end with the exact text, the
// backend must run once per ask, and nothing may be left behind.
import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, it } from 'node:test';
import { streamAsk } from '../../src/client/index.js';
import { memoryResumeStore, type AskBackend } from '../../src/server/index.js';
import { mulberry32 } from '../../bench/fixtures/prng.js';
import { ENDPOINT, listen, sleep, startHandler, waitFor } from './helpers.js';

const ASKS = 300;
const CONCURRENCY = 10;
const MAX_CUTS_PER_ASK = 3;
const SEED = 0x5eed;

/** The answer to question `n`: multi-byte text, so a cut can fall inside a character. */
function pieces(query: string): string[] {
  const n = Number(query.split(' ')[1]);
  return Array.from({ length: 30 + (n % 17) }, (_, i) => `${n}.${i} héllo wörld 🌍 `);
}

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('chaos: cut connections, resumed', () => {
  it(`${ASKS} asks through a cutting proxy all complete exactly, the backend once each, nothing left`, async () => {
    const baselineTimers = timers();
    const random = mulberry32(SEED);
    let clockOffset = 0;
    const store = memoryResumeStore({ ttlMs: 60_000, now: () => Date.now() + clockOffset });
    let backendCalls = 0;
    const backend: AskBackend = async function* (query) {
      backendCalls++;
      for (const piece of pieces(query)) {
        // Live, not instant: cuts land while the answer is still being produced too.
        await new Promise((r) => setImmediate(r));
        yield piece;
      }
    };
    const handler = await startHandler({ backend, resumeStore: store });

    const cutsPerKey = new Map<string, number>();
    let cuts = 0;
    const proxy = await listen((req, res) => {
      const key = String(req.headers['idempotency-key']);
      const done = cutsPerKey.get(key) ?? 0;
      // Bounded: each ask is cut at most MAX_CUTS_PER_ASK times, so every ask can finish.
      const cutAt = done < MAX_CUTS_PER_ASK && random() < 0.6 ? Math.floor(random() * 2600) - 100 : Infinity;
      if (cutAt < 0) {
        // Before any byte of the response.
        cutsPerKey.set(key, done + 1);
        cuts++;
        req.resume();
        res.socket?.destroy();
        return;
      }
      // One upstream connection per request, closed after it: any socket left is the handler's.
      const upstream = http.request(handler.url + ENDPOINT, {
        method: req.method,
        headers: { ...req.headers, connection: 'close' },
        agent: false,
      });
      upstream.on('error', () => res.socket?.destroy());
      req.pipe(upstream);
      upstream.on('response', (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        res.flushHeaders();
        let sent = 0;
        up.on('data', (bytes: Buffer) => {
          if (res.destroyed) return;
          if (sent + bytes.length > cutAt) {
            res.write(bytes.subarray(0, cutAt - sent));
            cutsPerKey.set(key, done + 1);
            cuts++;
            res.socket?.destroy();
            upstream.destroy();
            return;
          }
          sent += bytes.length;
          res.write(bytes);
        });
        up.on('end', () => res.end());
      });
      res.on('close', () => upstream.destroy());
    });

    try {
      const failures: string[] = [];
      let next = 0;
      const worker = async () => {
        while (next < ASKS) {
          const query = `question ${next++}`;
          let text = '';
          let ended = '';
          try {
            for await (const frame of streamAsk({
              endpoint: proxy.url + ENDPOINT,
              query,
              retries: 4,
              // Short waits: this test is about exactness, not about the backoff's numbers.
              retryPolicy: { baseMs: 10, capMs: 100 },
            })) {
              if (frame.type === 'chunk') text += frame.content;
              if (frame.type === 'complete' || frame.type === 'error') ended = frame.type;
            }
          } catch (error) {
            ended = `threw ${(error as Error).message}`;
          }
          if (ended !== 'complete' || text !== pieces(query).join('')) {
            failures.push(`${query}: ${ended}, ${text.length} of ${pieces(query).join('').length} characters`);
          }
        }
      };
      const started = Date.now();
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const elapsed = Date.now() - started;

      assert.deepEqual(failures, []);
      assert.equal(backendCalls, ASKS);
      assert.ok(cuts > ASKS / 2, `the proxy cut ${cuts} connections`);
      console.log(`[chaos] ${ASKS} asks, ${cuts} connections cut, ${elapsed} ms`);

      await proxy.close();
      // Every handler-side socket closes (the proxy spoke to it without keep-alive).
      const connections = () => new Promise<number>((resolve) => handler.server.getConnections((_e, n) => resolve(n)));
      const deadline = Date.now() + 5000;
      while ((await connections()) > 0 && Date.now() < deadline) await sleep(20);
      assert.equal(await connections(), 0, 'sockets left open on the handler');
      await handler.close();
      // No timer left: idle timers, heartbeats, backoff waits, the store (which has none).
      await waitFor(() => timers() <= baselineTimers, 5000, 'the timers to be cleared');
      // Every answer expires from the store after its time to live.
      assert.equal(store.size, ASKS);
      clockOffset = 60_001;
      assert.equal(store.size, 0);
      assert.equal(store.bytes, 0);
    } finally {
      await proxy.close();
      await handler.close();
    }
  });
});
