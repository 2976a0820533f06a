import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { createAskStreamHandler, type AskStreamHandlerOptions } from '../../src/server/index.js';
import { gate, parseSse, types } from './helpers.js';

// The handler runs on node:test's mock clock (setTimeout and Date), so each
// test says exactly when time passes and then reads what the stream carried:
// no counting of pings in a window of real time.

/** Lets every pending promise job run: a stream hands queued chunks to its reader in promise jobs, never on a timer. */
const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The handler's response, read as it arrives. */
async function open(options: AskStreamHandlerOptions) {
  const handler = createAskStreamHandler({ onError: () => {}, ...options });
  const response = await handler(new Request('http://localhost/', { method: 'POST', body: '{"query":"q"}' }));
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const finished = (async () => {
    for (let r = await reader.read(); !r.done; r = await reader.read())
      text += decoder.decode(r.value, { stream: true });
  })();
  const stream = {
    get text() {
      return text;
    },
    pings: () => text.match(/^: ping$/gm)?.length ?? 0,
    /** Advances the clock by `ms`, then lets the stream deliver what that caused. */
    async tick(ms: number) {
      mock.timers.tick(ms);
      await settled();
    },
    /** Waits, in event-loop turns (the clock stands still), until `what` has arrived. */
    async until(what: string) {
      for (let turn = 0; !text.includes(what); turn++) {
        if (turn === 1000) throw new Error(`${what} never arrived; got ${JSON.stringify(text)}`);
        await settled();
      }
    },
    finished,
  };
  await stream.until('"type":"start"');
  return stream;
}

describe('heartbeat', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 }));
  afterEach(() => mock.timers.reset());

  it('sends ": ping" every heartbeatMs while the backend is silent, and only then', async () => {
    const answer = gate<{ response: string }>();
    const stream = await open({ heartbeatMs: 40, backend: () => answer.promise });
    await stream.tick(39);
    assert.equal(stream.pings(), 0, 'none before heartbeatMs of silence');
    await stream.tick(1);
    assert.equal(stream.pings(), 1, 'one at heartbeatMs');
    for (let n = 2; n <= 5; n++) {
      await stream.tick(39);
      assert.equal(stream.pings(), n - 1);
      await stream.tick(1);
      assert.equal(stream.pings(), n, `one more every ${40} ms`);
    }
    answer.open({ response: 'late answer' });
    await stream.finished;
    const { frames, comments, text } = parseSse(stream.text);
    assert.deepEqual(types(frames), ['start', 'chunk', 'complete']);
    assert.deepEqual(comments, ['ping', 'ping', 'ping', 'ping', 'ping']);
    // On the wire exactly as a comment line of its own, all during the silence.
    assert.ok(text.includes('\n\n: ping\n\n'));
    assert.ok(text.lastIndexOf(': ping') < text.indexOf('"type":"chunk"'));
  });

  it('stays quiet while other frames keep flowing, and speaks heartbeatMs after the last', async () => {
    const steps = Array.from({ length: 15 }, () => gate());
    const end = gate();
    const stream = await open({
      heartbeatMs: 150,
      backend: async function* () {
        for (const [i, step] of steps.entries()) {
          await step.promise;
          yield `${i} `;
        }
        await end.promise;
      },
    });
    // 1.5 s in all, a chunk every 100 ms: never 150 ms without output.
    for (const [i, step] of steps.entries()) {
      await stream.tick(100);
      step.open();
      await stream.until(`"content":"${i} "`);
    }
    assert.equal(stream.pings(), 0);
    await stream.tick(149);
    assert.equal(stream.pings(), 0);
    await stream.tick(1);
    assert.equal(stream.pings(), 1, 'a ping 150 ms after the last chunk');
    end.open();
    await stream.finished;
    assert.deepEqual(types(parseSse(stream.text).frames), ['start', ...steps.map(() => 'chunk'), 'complete']);
  });

  it('is off with heartbeatMs: 0', async () => {
    const answer = gate<{ response: string }>();
    const stream = await open({ heartbeatMs: 0, timeoutMs: 0, backend: () => answer.promise });
    await stream.tick(3_600_000);
    assert.equal(stream.pings(), 0);
    answer.open({ response: 'x' });
    await stream.finished;
    assert.doesNotMatch(stream.text, /: ping/);
  });

  it('defaults to 15 s: the first ping exactly 15,000 ms into a silence', async () => {
    const answer = gate<{ response: string }>();
    const stream = await open({ timeoutMs: 0, backend: () => answer.promise });
    await stream.tick(14_999);
    assert.equal(stream.pings(), 0);
    await stream.tick(1);
    assert.equal(stream.pings(), 1);
    await stream.tick(14_999);
    assert.equal(stream.pings(), 1);
    await stream.tick(1);
    assert.equal(stream.pings(), 2);
    answer.open({ response: 'x' });
    await stream.finished;
  });
});
