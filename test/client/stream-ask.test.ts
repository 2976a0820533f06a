import { expect } from '@open-wc/testing';
import { install } from '@sinonjs/fake-timers';
import { streamAsk, AskStreamError, type AskRequest } from '../../src/client/index.js';
import type { Frame } from '../../src/protocol.js';
import { answerWith, bytesOf, cut, frame, pushStream, sseHeaders, streamOf } from '../support/streams.js';
import {
  ECHO_ENDPOINT,
  SSE_ENDPOINT,
  chunk,
  complete,
  cutOnRelease,
  data,
  scripted,
  type Step,
} from '../support/script.js';
import { nextTask } from '../support/next-task.js';

async function collect(request: AskRequest): Promise<{ frames: Frame[]; error?: unknown }> {
  const frames: Frame[] = [];
  try {
    // One attempt: these tests are about what a single response turns into (retries: stream-ask.retry.test.ts).
    for await (const f of streamAsk({ retries: 0, ...request })) frames.push(f);
    return { frames };
  } catch (error) {
    return { frames, error };
  }
}

const play = (...script: Step[]) => collect({ endpoint: SSE_ENDPOINT, query: 'q', body: scripted(...script) });

function expectCode(error: unknown, code: string, retryable: boolean): void {
  expect(error, 'an AskStreamError').to.be.instanceOf(AskStreamError);
  expect((error as AskStreamError).code).to.equal(code);
  expect((error as AskStreamError).retryable).to.equal(retryable);
}

const answerFrames = [
  { type: 'start', query: 'q', timestamp: 1 },
  { type: 'chunk', content: 'Héllo, ', index: 0, total: 3 },
  { type: 'chunk', content: '世界 🌍\n', index: 1, total: 3 },
  { type: 'chunk', content: '  spaced  ', index: 2, total: 3 },
  { type: 'metadata', confidence: 0.9, sources: ['https://example.com/a'] },
  { type: 'complete', success: true },
];

describe('streamAsk', () => {
  describe('the request', () => {
    it('POSTs JSON with the headers and body, the question winning over body.query', async () => {
      const { frames } = await collect({
        endpoint: ECHO_ENDPOINT,
        query: 'the question',
        headers: { Authorization: 'Bearer t0ken', 'content-type': 'text/plain' },
        body: { query: 'not this', locale: 'fr', nested: { a: 1 } },
      });
      const request = (
        frames[0] as unknown as { request: { method: string; headers: Record<string, string>; body: string } }
      ).request;
      expect(request.method).to.equal('POST');
      expect(request.headers['content-type']).to.equal('application/json');
      expect(request.headers.accept).to.equal('text/event-stream');
      expect(request.headers.authorization).to.equal('Bearer t0ken');
      expect(JSON.parse(request.body)).to.deep.equal({ query: 'the question', locale: 'fr', nested: { a: 1 } });
    });

    it('sends `history` beside the question, over a history field of body, only when there is some', async () => {
      const bodyOf = async (history: { query: string; response: string }[] | undefined) => {
        const { frames } = await collect({
          endpoint: ECHO_ENDPOINT,
          query: 'third?',
          body: { history: 'the host’s own', lang: 'en' },
          history,
        });
        return JSON.parse((frames[0] as unknown as { request: { body: string } }).request.body) as unknown;
      };
      const history = [
        { query: 'first?', response: 'One.' },
        { query: 'second?', response: 'Two.' },
      ];
      expect(await bodyOf(history)).to.deep.equal({ query: 'third?', lang: 'en', history });
      expect(await bodyOf([])).to.deep.equal({ query: 'third?', lang: 'en', history: 'the host’s own' });
      expect(await bodyOf(undefined)).to.deep.equal({ query: 'third?', lang: 'en', history: 'the host’s own' });
    });
  });

  describe('frames', () => {
    it('yields every frame in order and ends after complete', async () => {
      const { frames, error } = await play(...answerFrames.map(data));
      expect(error).to.equal(undefined);
      expect(frames).to.deep.equal(answerFrames);
    });

    it('stops reading at complete and closes the stream', async () => {
      const body = pushStream();
      const seen: Frame[] = [];
      const done = (async () => {
        for await (const f of streamAsk({
          endpoint: '/x',
          query: 'q',
          fetch: answerWith(new Response(body.stream, { headers: sseHeaders })),
        })) {
          seen.push(f);
        }
      })();
      body.push(frame({ type: 'chunk', content: 'a' }) + frame({ type: 'complete', success: true }));
      await done;
      await body.cancelled;
      expect(seen.map((f) => f.type)).to.deep.equal(['chunk', 'complete']);
    });

    it('yields an error frame and ends there', async () => {
      const { frames, error } = await play(
        chunk('part'),
        data({ type: 'error', message: 'boom', code: 'X' }),
        chunk('never'),
      );
      expect(error).to.equal(undefined);
      expect(frames.map((f) => f.type)).to.deep.equal(['chunk', 'error']);
      expect(frames[1]).to.deep.equal({ type: 'error', message: 'boom', code: 'X' });
    });

    it('skips malformed and unknown frames and carries on', async () => {
      const { frames } = await play(
        { write: 'data: {not json\n\n' },
        data({ type: 'mystery', content: 'x' }),
        data(['array']),
        data('a string'),
        data(null),
        data({ type: 'chunk' }),
        data({ type: 'chunk', content: 42 }),
        { write: ': ping\n\nid: 7\nretry: 10\nevent: other\nfoo: bar\n\n' },
        chunk('kept'),
        complete(),
      );
      expect(frames).to.deep.equal([
        { type: 'chunk', content: 'kept' },
        { type: 'complete', success: true },
      ]);
    });

    it('gives the same frames however the bytes are split, UTF-8 and CRLF included', async () => {
      const text = answerFrames.map(frame).join('').replace(/\n/g, '\r\n');
      const bytes = bytesOf(': ping\r\n' + text);
      const expected = (
        await collect({
          endpoint: '/x',
          query: 'q',
          fetch: answerWith(new Response(streamOf([bytes]), { headers: sseHeaders })),
        })
      ).frames;
      expect(expected).to.deep.equal(answerFrames);
      for (let at = 1; at < bytes.length; at++) {
        const { frames } = await collect({
          endpoint: '/x',
          query: 'q',
          fetch: answerWith(new Response(streamOf(cut(bytes, at)), { headers: sseHeaders })),
        });
        expect(frames, `split at byte ${at}`).to.deep.equal(answerFrames);
      }
      const oneByOne = Array.from(bytes, (b) => new Uint8Array([b]));
      const { frames } = await collect({
        endpoint: '/x',
        query: 'q',
        fetch: answerWith(new Response(streamOf(oneByOne), { headers: sseHeaders })),
      });
      expect(frames).to.deep.equal(answerFrames);
    });
  });

  describe('errors made on the client', () => {
    for (const [status, retryable] of [
      [408, true],
      [429, true],
      [500, true],
      [503, true],
      [400, false],
      [401, false],
      // Not 404: the test runner reports every 404 as a missing file.
      [403, false],
    ] as const) {
      it(`HTTP ${status} is HTTP_ERROR, ${retryable ? '' : 'not '}retryable`, async () => {
        const { error } = await play({ status, headers: { 'content-type': 'text/plain' } }, { write: 'nope' });
        expectCode(error, 'HTTP_ERROR', retryable);
        expect((error as Error).message).to.contain(String(status));
      });
    }

    it('a 2xx that is not text/event-stream is BAD_CONTENT_TYPE, and its body is not in the message', async () => {
      const { error } = await play(
        { status: 200, headers: { 'content-type': 'text/html' } },
        { write: '<h1>secret page</h1>' },
      );
      expectCode(error, 'BAD_CONTENT_TYPE', false);
      expect((error as Error).message).not.to.contain('secret');
    });

    it('accepts the media type in any case and with parameters', async () => {
      const { error } = await play({ headers: { 'content-type': 'Text/Event-Stream ; charset=UTF-8' } }, complete());
      expect(error).to.equal(undefined);
    });

    it('a failed fetch is NETWORK, retryable', async () => {
      // Port 9 (discard) on loopback has no listener here: the connection is refused.
      const { error } = await collect({ endpoint: 'http://127.0.0.1:9/', query: 'q' });
      expectCode(error, 'NETWORK', true);
    });

    it('a connection dropped mid-stream is NETWORK, after the frames that arrived', async () => {
      const cut = cutOnRelease();
      const frames: Frame[] = [];
      let error: unknown;
      try {
        for await (const f of streamAsk({
          endpoint: SSE_ENDPOINT,
          query: 'q',
          body: scripted(chunk('partial '), ...cut.steps),
        })) {
          frames.push(f);
          await cut.release();
        }
      } catch (e) {
        error = e;
      }
      expect(frames).to.deep.equal([{ type: 'chunk', content: 'partial ' }]);
      // WebKit ends a chunked body cut off mid-stream as if it were complete, so
      // there the client can only see that no `complete` came: INCOMPLETE.
      const webkit = /AppleWebKit/.test(navigator.userAgent) && !/Chrome|Chromium/.test(navigator.userAgent);
      expectCode(error, webkit ? 'INCOMPLETE' : 'NETWORK', true);
    });

    it('a stream that ends with neither complete nor error is INCOMPLETE', async () => {
      const { frames, error } = await play(chunk('half'));
      expect(frames).to.have.length(1);
      expectCode(error, 'INCOMPLETE', true);
    });

    it('an empty 200 stream is INCOMPLETE', async () => {
      const { error } = await play();
      expectCode(error, 'INCOMPLETE', true);
    });
  });

  describe('idle timeout', () => {
    // The client's timers run on a fake clock: the test says when time passes.
    let clock: ReturnType<typeof install> | undefined;
    afterEach(() => {
      clock?.uninstall();
      clock = undefined;
    });

    /** An ask on a fake clock, reading a body the test pushes into. */
    function timedPushed(timeout: number) {
      const body = pushStream();
      const fetch = answerWith(new Response(body.stream, { headers: sseHeaders }));
      return { body, ...timed({ endpoint: '/x', query: 'q', timeout, fetch }) };
    }

    /** Starts an ask on a fake clock. */
    function timed(request: AskRequest) {
      clock = install({ toFake: ['setTimeout', 'clearTimeout'] });
      let ended = false;
      const done = collect(request).finally(() => (ended = true));
      return {
        done,
        /** Whether the ask has ended, once every job pending now has run (what arrived is read by then). */
        ended: async () => {
          await nextTask();
          return ended;
        },
      };
    }

    it('is TIMEOUT when the headers do not come in time: exactly `timeout` ms', async () => {
      const ask = timed({ endpoint: SSE_ENDPOINT, query: 'q', timeout: 150, body: scripted({ delayHeaders: 2000 }) });
      clock!.tick(149);
      expect(await ask.ended()).to.equal(false);
      clock!.tick(1);
      expectCode((await ask.done).error, 'TIMEOUT', true);
    });

    it('is TIMEOUT when the stream falls silent, keeping what arrived', async () => {
      const { body, ...ask } = timedPushed(600);
      body.push(frame({ type: 'chunk', content: 'so far' }));
      expect(await ask.ended()).to.equal(false);
      clock!.tick(599);
      expect(await ask.ended()).to.equal(false);
      clock!.tick(1);
      const { frames, error } = await ask.done;
      expect(frames).to.deep.equal([{ type: 'chunk', content: 'so far' }]);
      expectCode(error, 'TIMEOUT', true);
      await body.cancelled;
    });

    it('counts any bytes, comments included, as life', async () => {
      const { body, ...ask } = timedPushed(700);
      // 9 s of nothing but a comment every 600 ms, against a 700 ms idle timeout.
      for (let i = 0; i < 15; i++) {
        clock!.tick(600);
        body.push(': ping\n\n');
        expect(await ask.ended(), `after ping ${i}`).to.equal(false);
      }
      body.push(frame({ type: 'complete', success: true }));
      expect((await ask.done).error).to.equal(undefined);
    });

    it('is off when timeout is 0', async () => {
      const { body, ...ask } = timedPushed(0);
      clock!.tick(24 * 3600_000);
      expect(await ask.ended()).to.equal(false);
      body.push(frame({ type: 'complete', success: true }));
      expect((await ask.done).error).to.equal(undefined);
    });
  });

  describe('abort', () => {
    it('throws the signal reason, not an AskStreamError, and cancels the body', async () => {
      const body = pushStream();
      const abort = new AbortController();
      const frames: Frame[] = [];
      const run = (async () => {
        for await (const f of streamAsk({
          endpoint: '/x',
          query: 'q',
          signal: abort.signal,
          fetch: answerWith(new Response(body.stream, { headers: sseHeaders })),
        })) {
          frames.push(f);
          if (frames.length === 1) abort.abort(new Error('user stop'));
        }
      })();
      body.push(frame({ type: 'chunk', content: 'a' }));
      const error = await run.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((error as Error).message).to.equal('user stop');
      expect(error).not.to.be.instanceOf(AskStreamError);
      await body.cancelled;
    });

    it('rejects at once with an already aborted signal', async () => {
      const abort = new AbortController();
      abort.abort();
      const { error } = await collect({ endpoint: SSE_ENDPOINT, query: 'q', signal: abort.signal });
      expect((error as DOMException).name).to.equal('AbortError');
    });
  });
});
