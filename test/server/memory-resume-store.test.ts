import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryResumeStore } from '../../src/server/index.js';
import type { StoredFrame } from '../../src/server/index.js';

const chunk = (id: number, content = `c${id}`): StoredFrame => ({ id, frame: { type: 'chunk', content } });
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

async function collect(iterable: AsyncIterable<StoredFrame | undefined>): Promise<Array<number | undefined>> {
  const out: Array<number | undefined> = [];
  for await (const f of iterable) out.push(f?.id);
  return out;
}

describe('memoryResumeStore', () => {
  it('claims a key once, keeps its question, replays after an id and follows live until the end', async () => {
    const store = memoryResumeStore();
    assert.deepEqual(await store.claim('k', 'q'), { created: true });
    assert.deepEqual(await store.claim('k', 'other'), { created: false, query: 'q' });
    assert.deepEqual(await store.lookup('k'), { query: 'q' });
    assert.equal(await store.lookup('nope'), undefined);
    await store.append('k', chunk(1));
    await store.append('k', chunk(2));
    const live = collect(store.read('k', 1, new AbortController().signal));
    await store.append('k', chunk(3));
    await store.end('k');
    assert.deepEqual(await live, [2, 3]);
    assert.deepEqual(await collect(store.read('k', 0, new AbortController().signal)), [1, 2, 3]);
    assert.deepEqual(await collect(store.read('unknown', 0, new AbortController().signal)), [undefined]);
  });

  it('stops a waiting reader when its signal aborts, leaving no listener or timer', async () => {
    const store = memoryResumeStore();
    await store.claim('k', 'q');
    const abort = new AbortController();
    const before = timers();
    const reading = collect(store.read('k', 0, abort.signal));
    abort.abort();
    assert.deepEqual(await reading, []);
    assert.equal(timers(), before);
  });

  it('expires an answer ttlMs after it ends, and not before; a running one does not expire', async () => {
    let now = 1_000;
    const store = memoryResumeStore({ ttlMs: 500, now: () => now });
    await store.claim('done', 'q');
    await store.append('done', chunk(1));
    await store.end('done');
    await store.claim('running', 'q');
    now += 499;
    assert.equal(store.size, 2);
    now += 1;
    assert.equal(store.size, 1);
    assert.equal(await store.lookup('done'), undefined);
    now += 1_000_000;
    assert.deepEqual(await store.lookup('running'), { query: 'q' });
    assert.equal(store.bytes, 0);
  });

  it('keeps at most maxBytesPerAsk per ask, dropping the oldest frames: a resume from before them is refused', async () => {
    const one = JSON.stringify(chunk(1).frame).length;
    const store = memoryResumeStore({ maxBytesPerAsk: one * 3 });
    await store.claim('k', 'q');
    for (let id = 1; id <= 5; id++) await store.append('k', chunk(id));
    assert.equal(store.bytes, one * 3);
    assert.deepEqual(await collect(store.read('k', 0, new AbortController().signal)), [undefined]);
    const tail = collect(store.read('k', 2, new AbortController().signal));
    await store.end('k');
    assert.deepEqual(await tail, [3, 4, 5]);
  });

  it('keeps at most maxBytes and maxAsks in all, dropping the oldest asks, ended ones first', async () => {
    const store = memoryResumeStore({ maxAsks: 2 });
    await store.claim('a', 'q');
    await store.claim('b', 'q');
    await store.end('b');
    await store.claim('c', 'q');
    assert.equal(store.size, 2);
    assert.equal(await store.lookup('b'), undefined, 'the ended one went first');
    assert.ok(await store.lookup('a'));

    const one = JSON.stringify(chunk(1).frame).length;
    const small = memoryResumeStore({ maxBytes: one * 4 });
    for (const k of ['x', 'y', 'z']) {
      await small.claim(k, 'q');
      await small.append(k, chunk(1));
      await small.append(k, chunk(2));
    }
    assert.ok(small.bytes <= one * 4);
    assert.equal(await small.lookup('x'), undefined);
    assert.ok(await small.lookup('z'));
  });

  it('ends a reader whose ask is dropped under it with undefined', async () => {
    const store = memoryResumeStore({ maxAsks: 1 });
    await store.claim('a', 'q');
    const reading = collect(store.read('a', 0, new AbortController().signal));
    await store.claim('b', 'q');
    assert.deepEqual(await reading, [undefined]);
  });
});
