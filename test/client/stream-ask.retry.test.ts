// streamAsk's retry and resume, against the test server's stateful endpoint:
// every attempt is a real request over a real socket, and the server records
// what each one carried.
import { expect } from '@open-wc/testing';
import { streamAsk, AskStreamError, type AskRequest, type RetryInfo } from '../../src/client/index.js';
import type { Frame } from '../../src/protocol.js';
import {
  ATTEMPTS_ENDPOINT,
  byLastEventId,
  hold,
  chunk,
  complete,
  data,
  perAttempt,
  withId,
  type Step,
} from '../support/script.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Waits that resolve at once, recorded: the tests step through backoff without sleeping. */
function instantWaits() {
  const slept: number[] = [];
  return {
    slept,
    environment: {
      random: () => 0.5,
      sleep: async (ms: number, signal: AbortSignal) => {
        signal.throwIfAborted();
        slept.push(ms);
      },
      isOnline: () => true,
    },
  };
}

function run(request: Partial<AskRequest>, ...scripts: Step[][]) {
  return runOn(perAttempt(...scripts), request);
}

async function runOn(
  endpoint: ReturnType<typeof perAttempt>,
  request: Partial<AskRequest>,
): Promise<{
  frames: Frame[];
  error?: unknown;
  retries: RetryInfo[];
  attempts: Awaited<ReturnType<ReturnType<typeof perAttempt>['attempts']>>;
  slept: number[];
}> {
  const waits = instantWaits();
  const retries: RetryInfo[] = [];
  const frames: Frame[] = [];
  let error: unknown;
  try {
    for await (const f of streamAsk({
      endpoint: ATTEMPTS_ENDPOINT,
      query: 'q',
      body: endpoint.body,
      environment: waits.environment,
      onRetry: (info) => retries.push(info),
      ...request,
    }))
      frames.push(f);
  } catch (e) {
    error = e;
  }
  return { frames, error, retries, attempts: await endpoint.attempts(), slept: waits.slept };
}

const text = (frames: Frame[]) => frames.map((f) => (f.type === 'chunk' ? f.content : '')).join('');
const fail503 = (): Step[] => [{ status: 503, headers: { 'content-type': 'text/plain' } }, { write: 'busy' }];
// A connection cut mid-body. A browser may drop what it had not read yet when
// the read fails, so tests that need the frames before a cut delivered use `end`.
const cut: Step = { destroy: true };
// The response ends cleanly with no `complete`: everything before it is delivered, then INCOMPLETE.
const end: Step = { write: '' };

describe('streamAsk: retry and resume', () => {
  it('sends one Idempotency-Key, a v4 UUID, on every attempt of an ask, and a new one per ask', async () => {
    const a = await run({}, fail503(), [chunk('ok'), complete()]);
    const b = await run({}, [chunk('ok'), complete()]);
    expect(a.error).to.equal(undefined);
    expect(a.attempts).to.have.length(2);
    expect(a.attempts[0]!.idempotencyKey).to.match(UUID);
    expect(a.attempts[1]!.idempotencyKey).to.equal(a.attempts[0]!.idempotencyKey);
    expect(b.attempts[0]!.idempotencyKey).to.match(UUID).and.not.equal(a.attempts[0]!.idempotencyKey);
    expect(a.attempts.map((x) => x.lastEventId)).to.deep.equal([null, null]);
  });

  it('retries 408, 429 and 5xx before the answer, with backoff, reporting each retry', async () => {
    const { frames, error, retries, slept, attempts } = await run(
      {},
      [{ status: 429, headers: { 'content-type': 'text/plain' } }],
      fail503(),
      [chunk('fine'), complete()],
    );
    expect(error).to.equal(undefined);
    expect(text(frames)).to.equal('fine');
    expect(attempts).to.have.length(3);
    // random() = 0.5: half of the 500 ms, then of the 1000 ms ceiling.
    expect(retries).to.deep.equal([
      { attempt: 1, delayMs: 250, code: 'HTTP_ERROR' },
      { attempt: 2, delayMs: 500, code: 'HTTP_ERROR' },
    ]);
    expect(slept).to.deep.equal([250, 500]);
  });

  it('gives up after `retries` retries with the last failure', async () => {
    const { error, attempts, retries } = await run({ retries: 2 }, fail503());
    expect(attempts).to.have.length(3);
    expect(retries).to.have.length(2);
    expect((error as AskStreamError).code).to.equal('HTTP_ERROR');
    expect((error as AskStreamError).status).to.equal(503);
  });

  it('retries: 0 turns it off', async () => {
    const { error, attempts, retries } = await run({ retries: 0 }, fail503(), [complete()]);
    expect(attempts).to.have.length(1);
    expect(retries).to.deep.equal([]);
    expect((error as AskStreamError).code).to.equal('HTTP_ERROR');
  });

  it('does not retry what a retry cannot cure: 4xx, a wrong content type, a server error frame', async () => {
    const notFound = await run({}, [{ status: 404, headers: { 'content-type': 'text/plain' } }], [complete()]);
    expect(notFound.attempts).to.have.length(1);
    const html = await run({}, [{ status: 200, headers: { 'content-type': 'text/html' } }], [complete()]);
    expect(html.attempts).to.have.length(1);
    const frame = await run({}, [data({ type: 'error', code: 'BACKEND_UNAVAILABLE', retryable: true, message: 'x' })]);
    expect(frame.attempts).to.have.length(1);
    expect(frame.frames.at(-1)).to.deep.include({ type: 'error', code: 'BACKEND_UNAVAILABLE' });
  });

  it('honours Retry-After over the backoff', async () => {
    const { slept, retries } = await run(
      {},
      [{ status: 503, headers: { 'content-type': 'text/plain', 'retry-after': '7' } }],
      [complete()],
    );
    expect(slept).to.deep.equal([7000]);
    expect(retries[0]).to.deep.equal({ attempt: 1, delayMs: 7000, code: 'HTTP_ERROR' });
  });

  it('503 with Retry-After: 1 waits at least a real second, then completes', async () => {
    const endpoint = perAttempt(
      [{ status: 503, headers: { 'content-type': 'text/plain', 'retry-after': '1' } }],
      [chunk('after the wait'), complete()],
    );
    const frames: Frame[] = [];
    for await (const f of streamAsk({ endpoint: ATTEMPTS_ENDPOINT, query: 'q', body: endpoint.body })) frames.push(f);
    const [first, second] = await endpoint.attempts();
    expect(text(frames)).to.equal('after the wait');
    // Measured between the server's own receipts of the two requests.
    expect(second!.at - first!.at).to.be.at.least(1000);
  });

  it('resumes a lost connection with Last-Event-ID and yields every frame once', async () => {
    // A server that resumes: whatever the browser got before the cut, it picks up there.
    // The cut comes once the client has read the frames before it (a browser may drop
    // bytes it had not read yet when a connection fails: released, not timed).
    const gate = hold();
    const endpoint = byLastEventId({
      '': [
        withId(1, { type: 'start', query: 'q', timestamp: 1 }),
        withId(2, { type: 'chunk', content: 'Hello, ' }),
        withId(3, { type: 'chunk', content: 'wor' }),
        gate.step,
        cut,
      ],
      '3': [withId(4, { type: 'chunk', content: 'ld' }), withId(5, { type: 'complete', success: true })],
    });
    const waits = instantWaits();
    const frames: Frame[] = [];
    const retries: RetryInfo[] = [];
    const stream = streamAsk({
      endpoint: ATTEMPTS_ENDPOINT,
      query: 'q',
      body: endpoint.body,
      environment: waits.environment,
      onRetry: (info) => retries.push(info),
      retries: 5,
    });
    for await (const f of stream) {
      frames.push(f);
      if (f.type === 'chunk' && f.content === 'wor') await gate.release();
    }
    const attempts = await endpoint.attempts();
    expect(text(frames)).to.equal('Hello, world');
    expect(frames.map((f) => f.type)).to.deep.equal(['start', 'chunk', 'chunk', 'chunk', 'complete']);
    expect(attempts.map((a) => a.lastEventId)).to.deep.equal([null, '3']);
    expect(new Set(attempts.map((a) => a.idempotencyKey)).size).to.equal(1);
    expect(retries.map((r) => r.code)).to.satisfy((codes: string[]) =>
      codes.every((c) => c === 'NETWORK' || c === 'INCOMPLETE'),
    );
  });

  it('counts failures in a row: a resume that brings frames starts the count again', async () => {
    const piece = (id: number) => [withId(id, { type: 'chunk', content: `${id} ` }), end];
    const { frames, error, attempts } = await run({ retries: 1 }, piece(1), piece(2), piece(3), piece(4), [
      withId(5, { type: 'complete', success: true }),
    ]);
    expect(error).to.equal(undefined);
    expect(text(frames)).to.equal('1 2 3 4 ');
    expect(attempts.map((a) => a.lastEventId)).to.deep.equal([null, '1', '2', '3', '4']);
  });

  it('ends as it would have, keeping the partial answer, when the server cannot resume', async () => {
    const { frames, error, attempts } = await run(
      {},
      [withId(1, { type: 'chunk', content: 'partial' }), end],
      [data({ type: 'error', code: 'RESUME_UNAVAILABLE', message: 'gone', retryable: false })],
    );
    expect(text(frames)).to.equal('partial');
    expect(attempts).to.have.length(2);
    expect(error).to.be.instanceOf(AskStreamError);
    expect((error as AskStreamError).code).to.equal('INCOMPLETE');
    expect((error as AskStreamError).message).to.contain('could not resume');
    expect(frames.some((f) => f.type === 'error')).to.equal(false);
  });

  it('never shows an answer twice: a server that starts over instead of resuming is refused', async () => {
    const again = [withId(1, { type: 'chunk', content: 'one' }), withId(2, { type: 'chunk', content: 'two' }), end];
    const { frames, error, attempts } = await run({}, again, again, again);
    expect(text(frames)).to.equal('onetwo');
    expect(attempts).to.have.length(2);
    expect((error as AskStreamError).message).to.contain('could not resume');
  });

  it('does not resume a stream without ids once text has arrived', async () => {
    const { frames, error, attempts } = await run({}, [chunk('no ids'), end], [chunk('no ids'), complete()]);
    expect(text(frames)).to.equal('no ids');
    expect(attempts).to.have.length(1);
    expect(['NETWORK', 'INCOMPLETE']).to.include((error as AskStreamError).code);
  });

  it('does not resume a server that went silent mid-answer (TIMEOUT)', async () => {
    const { error, attempts } = await run({ timeout: 300 }, [
      withId(1, { type: 'chunk', content: 'x' }),
      { hang: true },
    ]);
    expect(attempts).to.have.length(1);
    expect((error as AskStreamError).code).to.equal('TIMEOUT');
  });

  it('retries a TIMEOUT before the answer starts', async () => {
    const { error, attempts, frames } = await run({ timeout: 300 }, [{ hang: true }], [chunk('late'), complete()]);
    expect(error).to.equal(undefined);
    expect(attempts).to.have.length(2);
    expect(text(frames)).to.equal('late');
  });

  it('resumes an ask from a given lastEventId (after a reload) with the given key', async () => {
    const { frames, attempts } = await run({ idempotencyKey: 'my-key', lastEventId: '41' }, [
      withId(42, { type: 'chunk', content: 'rest' }),
      withId(43, { type: 'complete', success: true }),
    ]);
    expect(text(frames)).to.equal('rest');
    expect(attempts).to.deep.include({ idempotencyKey: 'my-key', lastEventId: '41', at: attempts[0]!.at });
  });

  it('reports each new SSE id before yielding its frame', async () => {
    const ids: string[] = [];
    await run({ onEventId: (id) => ids.push(id) }, [
      withId(1, { type: 'start', query: 'q', timestamp: 1 }),
      withId(2, { type: 'chunk', content: 'a' }),
      withId(3, { type: 'complete', success: true }),
    ]);
    expect(ids).to.deep.equal(['1', '2', '3']);
  });

  it('waits for the online event while offline, spending no attempt', async () => {
    let online = false;
    let comeBack!: () => void;
    const back = new Promise<void>((r) => (comeBack = r));
    let offlineCalls = 0;
    const endpoint = perAttempt(fail503(), fail503(), [chunk('back'), complete()]);
    const frames: Frame[] = [];
    const done = (async () => {
      for await (const f of streamAsk({
        endpoint: ATTEMPTS_ENDPOINT,
        query: 'q',
        body: endpoint.body,
        retries: 1,
        onOffline: () => {
          offlineCalls++;
          // Back online once the client is waiting for it.
          online = true;
          comeBack();
        },
        environment: {
          sleep: async () => {},
          isOnline: () => online,
          whenOnline: () => back,
        },
      }))
        frames.push(f);
    })();
    await done;
    // Three attempts with retries: 1: the one made offline did not count.
    expect(await endpoint.attempts()).to.have.length(3);
    expect(offlineCalls).to.equal(1);
    expect(text(frames)).to.equal('back');
  });

  it('cancel during a backoff wait ends the ask at once with the abort reason', async () => {
    const endpoint = perAttempt([{ status: 503, headers: { 'content-type': 'text/plain', 'retry-after': '30' } }]);
    const abort = new AbortController();
    const started = performance.now();
    const run = (async () => {
      for await (const _ of streamAsk({
        endpoint: ATTEMPTS_ENDPOINT,
        query: 'q',
        body: endpoint.body,
        signal: abort.signal,
        // Once the wait has begun (the retry is announced just before it).
        onRetry: () => void Promise.resolve().then(() => abort.abort(new Error('stop'))),
      }));
    })();
    const error = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error).message).to.equal('stop');
    expect(performance.now() - started).to.be.lessThan(5000);
    expect(await endpoint.attempts()).to.have.length(1);
  });

  it('reads a final `done` frame as `complete`', async () => {
    const { frames, error } = await run({}, [chunk('x'), data({ type: 'done' })]);
    expect(error).to.equal(undefined);
    expect(frames.at(-1)).to.deep.equal({ type: 'complete', success: true });
  });

  it('says that CORS may be the cause when a cross-origin endpoint cannot be reached', async () => {
    // Port 9 on 127.0.0.1 is another origin than the test page, and refuses connections.
    const { error } = await run({ endpoint: 'http://127.0.0.1:9/', retries: 0 });
    expect((error as AskStreamError).code).to.equal('NETWORK');
    const message = (error as Error).message;
    expect(message).to.contain('Could not reach the server.');
    expect(message).to.contain('origin');
    expect(message).to.contain(location.origin);
    expect(message).to.contain('CORS');
  });
});
