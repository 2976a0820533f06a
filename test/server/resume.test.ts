// The handler with and without a resume store, over real loopback HTTP: ids on
// every frame, resume after Last-Event-ID, duplicates attached to the running
// answer, the backend called once per Idempotency-Key.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryResumeStore, type AskBackend } from '../../src/server/index.js';
import { answerText, gate, post, readUntil, receive, startHandler, types, waitFor } from './helpers.js';

const key = (n: number | string) => `test-key-${n}-${Math.random().toString(36).slice(2)}`;
const headers = (k: string, lastEventId?: string) => ({
  'content-type': 'application/json',
  accept: 'text/event-stream',
  'idempotency-key': k,
  ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId }),
});

/** A streaming backend that counts its calls and yields `pieces`, waiting on `hold` before the last. */
function countingBackend(pieces: string[], hold?: Promise<void>) {
  const calls: string[] = [];
  const backend: AskBackend = async function* (query, { signal }) {
    calls.push(query);
    for (let i = 0; i < pieces.length; i++) {
      if (i === pieces.length - 1 && hold) await hold;
      signal.throwIfAborted();
      yield pieces[i]!;
    }
    yield { sources: ['s'] };
  };
  return { backend, calls };
}

const PIECES = ['Hé', 'llo, ', 'wörld ', '🌍', '!'];

describe('SSE ids and resume', () => {
  it('numbers every frame from 1, with or without a store', async () => {
    for (const resumeStore of [undefined, memoryResumeStore()]) {
      const { backend } = countingBackend(PIECES);
      const server = await startHandler({ backend, resumeStore });
      try {
        const got = await receive(await post(server.url, { query: 'q' }, { headers: headers(key(1)) }));
        assert.deepEqual(types(got.frames), [
          'start',
          'chunk',
          'chunk',
          'chunk',
          'chunk',
          'chunk',
          'metadata',
          'complete',
        ]);
        assert.deepEqual(got.ids, ['1', '2', '3', '4', '5', '6', '7', '8']);
        assert.equal(answerText(got.frames), PIECES.join(''));
      } finally {
        await server.close();
      }
    }
  });

  it('without a store, a resume gets RESUME_UNAVAILABLE and the backend is not called', async () => {
    const { backend, calls } = countingBackend(PIECES);
    const server = await startHandler({ backend });
    try {
      const got = await receive(await post(server.url, { query: 'q' }, { headers: headers(key(2), '3') }));
      assert.deepEqual(got.frames, [
        {
          type: 'error',
          code: 'RESUME_UNAVAILABLE',
          message: 'This answer can no longer be resumed: ask again',
          retryable: false,
        },
      ]);
      assert.equal(calls.length, 0);
    } finally {
      await server.close();
    }
  });

  it('with a store, replays the frames after Last-Event-ID and continues live, calling the backend once', async () => {
    const last = gate();
    const { backend, calls } = countingBackend(PIECES, last.promise);
    const server = await startHandler({ backend, resumeStore: memoryResumeStore() });
    const k = key(3);
    try {
      const first = await post(server.url, { query: 'q' }, { headers: headers(k) });
      const { received, reader } = await readUntil(first, (r) => r.frames.length >= 4);
      await reader.cancel();
      const lastId = received.ids.at(-1)!;
      // The backend holds its last piece (frame 6) until the resume is under way.
      assert.ok(Number(lastId) >= 4 && Number(lastId) <= 5, lastId);
      // The answer goes on while nobody listens; the resume then follows it live.
      const resumed = post(server.url, { query: 'q' }, { headers: headers(k, lastId) });
      const response = await resumed;
      last.open();
      const rest = await receive(response);
      assert.deepEqual(rest.ids, ['5', '6', '7', '8'].slice(Number(lastId) - 4));
      assert.equal(answerText([...received.frames, ...rest.frames]), PIECES.join(''));
      assert.equal(types(rest.frames).at(-1), 'complete');
      assert.equal(calls.length, 1);
    } finally {
      await server.close();
    }
  });

  it('attaches a duplicate (same key, no Last-Event-ID) to the running answer, from the start', async () => {
    const last = gate();
    const { backend, calls } = countingBackend(PIECES, last.promise);
    const server = await startHandler({ backend, resumeStore: memoryResumeStore() });
    const k = key(4);
    try {
      const a = await post(server.url, { query: 'q' }, { headers: headers(k) });
      await waitFor(() => calls.length === 1, 2000, 'the backend call');
      const b = await post(server.url, { query: 'q' }, { headers: headers(k) });
      last.open();
      const [ga, gb] = await Promise.all([receive(a), receive(b)]);
      assert.deepEqual(gb.frames, ga.frames);
      assert.deepEqual(gb.ids, ga.ids);
      assert.equal(calls.length, 1);
      // After the end too: answered from the store.
      const c = await receive(await post(server.url, { query: 'q' }, { headers: headers(k) }));
      assert.deepEqual(c.frames, ga.frames);
      assert.equal(calls.length, 1);
    } finally {
      await server.close();
    }
  });

  it('refuses a key reused for another question, a malformed key, and a resume of an unknown ask', async () => {
    const { backend, calls } = countingBackend(PIECES);
    const server = await startHandler({ backend, resumeStore: memoryResumeStore() });
    const k = key(5);
    try {
      await receive(await post(server.url, { query: 'q' }, { headers: headers(k) }));
      const other = await receive(await post(server.url, { query: 'another' }, { headers: headers(k) }));
      assert.deepEqual(types(other.frames), ['error']);
      assert.equal((other.frames[0] as { code: string }).code, 'BAD_REQUEST');
      const bad = await receive(await post(server.url, { query: 'q' }, { headers: headers('has space') }));
      assert.equal((bad.frames[0] as { code: string }).code, 'BAD_REQUEST');
      const unknown = await receive(await post(server.url, { query: 'q' }, { headers: headers(key(6), '2') }));
      assert.equal((unknown.frames[0] as { code: string }).code, 'RESUME_UNAVAILABLE');
      const notOurs = await receive(await post(server.url, { query: 'q' }, { headers: headers(k, 'abc') }));
      assert.equal((notOurs.frames[0] as { code: string }).code, 'RESUME_UNAVAILABLE');
      assert.equal(calls.length, 1);
    } finally {
      await server.close();
    }
  });

  it('with a store, a client that leaves does not stop the backend: the answer is there to resume', async () => {
    const last = gate();
    let aborted = false;
    const backend: AskBackend = async function* (_q, { signal }) {
      signal.addEventListener('abort', () => (aborted = signal.reason !== undefined && !finished));
      yield 'one ';
      await last.promise;
      yield 'two';
      finished = true;
    };
    let finished = false;
    const store = memoryResumeStore();
    const server = await startHandler({ backend, resumeStore: store });
    const k = key(7);
    try {
      const first = await post(server.url, { query: 'q' }, { headers: headers(k) });
      const { reader } = await readUntil(first, (r) => r.frames.length >= 2);
      await reader.cancel();
      last.open();
      await waitFor(() => finished, 2000, 'the backend to finish');
      const all = await receive(await post(server.url, { query: 'q' }, { headers: headers(k, '0') }));
      assert.equal(answerText(all.frames), 'one two');
      assert.equal(types(all.frames).at(-1), 'complete');
      assert.equal(aborted, false);
    } finally {
      await server.close();
    }
  });
});
