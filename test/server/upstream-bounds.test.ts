import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { httpBackend, openAICompatibleBackend } from '../../src/server/index.js';
import { answerText, listen, post, pour, readBody, receive, startHandler, types, type Running } from './helpers.js';

const MB = 1024 * 1024;
const HUGE = 300 * MB;
const UNAVAILABLE = {
  type: 'error',
  code: 'BACKEND_UNAVAILABLE',
  message: 'Service temporarily unavailable',
  retryable: true,
};

// A full collection before each measure, so that baselines and "after" figures
// are what is live, not what the collector has not got round to.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** A fake upstream whose path picks the hostile answer; records how many bytes each one poured. */
function hostileUpstream(poured: number[]) {
  const delta = (content: string) => `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`;
  return listen(async (req, res) => {
    await readBody(req);
    const kind = new URL(req.url!, 'http://x').pathname;
    let bytes = 0;
    if (kind === '/line/chat/completions') {
      // One SSE line of 300 MB: no newline ever comes.
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      bytes = await pour(
        res,
        'data: {"choices":[{"delta":{"content":"',
        Buffer.alloc(64 * 1024, 'a'),
        HUGE,
        '"}}]}\n\n',
      );
    } else if (kind === '/event/chat/completions') {
      // Short lines, but all in one event: no blank line ever comes.
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      bytes = await pour(
        res,
        '',
        Buffer.from('data: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n'.repeat(1000)),
        HUGE,
        '\n',
      );
    } else if (kind === '/tokens/chat/completions') {
      // Well-formed deltas without end.
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      bytes = await pour(res, '', Buffer.from(delta('token ').repeat(1000)), HUGE, 'data: [DONE]\n\n');
    } else if (kind === '/json/api/ask') {
      // A 300 MB JSON answer, chunked: nothing says how long it is.
      res.writeHead(200, { 'content-type': 'application/json' });
      bytes = await pour(res, '{"response": "', Buffer.alloc(64 * 1024, 'a'), HUGE, '"}');
    } else if (kind === '/declared/api/ask') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(HUGE) });
      bytes = await pour(res, '{"response": "', Buffer.alloc(64 * 1024, 'a'), HUGE, '"}');
    }
    poured.push(bytes);
  });
}

/** Samples the process's RSS every 5 ms while `run` runs. */
async function peakRss<T>(run: () => Promise<T>): Promise<{ result: T; baseline: number; peak: number }> {
  gc();
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  try {
    const result = await run();
    return { result, baseline, peak: Math.max(peak, process.memoryUsage.rss()) };
  } finally {
    clearInterval(timer);
  }
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

describe('bounded upstream memory (300 MB answers from a local fake upstream)', () => {
  const poured: number[] = [];
  let upstream: Running;
  let errors: unknown[] = [];
  const onError = (e: unknown) => errors.push(e);
  before(async () => {
    upstream = await hostileUpstream(poured);
  });
  after(() => upstream.close());

  const cases = [
    {
      name: 'openAICompatibleBackend, a 300 MB line',
      backend: () => openAICompatibleBackend({ baseURL: `${upstream.url}/line`, model: 'm' }),
      reason: /a line longer than maxLineBytes \(1048576 bytes\)/,
    },
    {
      name: 'openAICompatibleBackend, one 300 MB event of short lines',
      backend: () => openAICompatibleBackend({ baseURL: `${upstream.url}/event`, model: 'm' }),
      reason: /an event larger than maxAnswerBytes \(8388608 bytes\)/,
    },
    {
      name: 'httpBackend, a 300 MB JSON answer',
      backend: () => httpBackend(`${upstream.url}/json`),
      reason: /answered more than maxAnswerBytes \(8388608 bytes\)/,
    },
  ];
  for (const { name, backend, reason } of cases) {
    it(`${name}: BACKEND_UNAVAILABLE, the reason logged, RSS under 200 MB above baseline, memory back`, async (t) => {
      const server = await startHandler({ backend: backend(), onError });
      try {
        // Warm up: the first ask loads code that would count as growth.
        await (await post(server.url, { query: 'warm-up' })).text();
        errors = [];
        poured.length = 0;
        const {
          result: frames,
          baseline,
          peak,
        } = await peakRss(async () => (await receive(await post(server.url, { query: 'q' }))).frames);
        gc();
        const afterwards = process.memoryUsage.rss();
        t.diagnostic(
          `upstream poured ${mb(poured[0] ?? 0)} of 300 MB; RSS baseline ${mb(baseline)}, peak +${mb(peak - baseline)}, after +${mb(afterwards - baseline)}`,
        );
        assert.ok(peak - baseline < 200 * MB, `RSS grew by ${mb(peak - baseline)}`);
        assert.ok((poured[0] ?? 0) < 64 * MB, `the upstream got to pour ${mb(poured[0] ?? 0)}`);
        assert.deepEqual(types(frames), ['start', 'error']);
        assert.deepEqual(frames[1], UNAVAILABLE);
        assert.equal(errors.length, 1);
        assert.match(String((errors[0] as Error).message), reason);
        // What the ask held is released: the heap is back near where it started.
        assert.ok(process.memoryUsage().heapUsed < 64 * MB, `heap ${mb(process.memoryUsage().heapUsed)}`);
      } finally {
        await server.close();
      }
    });
  }

  it('httpBackend refuses a declared Content-Length over maxAnswerBytes before reading', async () => {
    const server = await startHandler({ backend: httpBackend(`${upstream.url}/declared`), onError });
    try {
      errors = [];
      poured.length = 0;
      const { frames } = await receive(await post(server.url, { query: 'q' }));
      assert.deepEqual(frames[1], UNAVAILABLE);
      assert.match(String((errors[0] as Error).message), /maxAnswerBytes/);
    } finally {
      await server.close();
    }
  });

  it('bounds the text of a stream by maxAnswerBytes: what was sent stays, then BACKEND_UNAVAILABLE', async () => {
    const server = await startHandler({
      maxAnswerBytes: 64 * 1024,
      backend: openAICompatibleBackend({ baseURL: `${upstream.url}/tokens`, model: 'm' }),
      onError,
    });
    try {
      errors = [];
      const { frames } = await receive(await post(server.url, { query: 'q' }));
      const text = answerText(frames);
      assert.ok(text.length > 60 * 1024 && text.length <= 64 * 1024, `${text.length} characters`);
      assert.deepEqual(frames.at(-1), UNAVAILABLE);
      assert.match(String((errors[0] as Error).message), /maxAnswerBytes \(65536 bytes\)/);
    } finally {
      await server.close();
    }
  });

  it('bounds a whole answer from any backend by maxAnswerBytes, counted in UTF-8 bytes', async () => {
    const server = await startHandler({
      maxAnswerBytes: 1000,
      backend: (query) => ({ response: query === 'fits' ? 'é'.repeat(500) : 'é'.repeat(501) }),
      onError,
    });
    try {
      errors = [];
      const fits = await receive(await post(server.url, { query: 'fits' }));
      assert.equal(answerText(fits.frames), 'é'.repeat(500));
      const over = await receive(await post(server.url, { query: 'over' }));
      assert.deepEqual(types(over.frames), ['start', 'error']);
      assert.match(String((errors[0] as Error).message), /1002 bytes, more than maxAnswerBytes \(1000 bytes\)/);
    } finally {
      await server.close();
    }
  });

  it("takes maxLineBytes from the handler, or from the backend's own options", async () => {
    const line = (n: number) => `data: ${JSON.stringify({ choices: [{ delta: { content: 'x'.repeat(n) } }] })}\n\n`;
    const api = await listen(async (req, res) => {
      await readBody(req);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(line(req.url!.startsWith('/short') ? 900 : 1100) + 'data: [DONE]\n\n');
    });
    const viaHandler = await startHandler({
      maxLineBytes: 1024,
      backend: (q, ctx) => openAICompatibleBackend({ baseURL: `${api.url}/${q}`, model: 'm' })(q, ctx),
    });
    const viaBackend = await startHandler({
      backend: (q, ctx) =>
        openAICompatibleBackend({ baseURL: `${api.url}/${q}`, model: 'm', maxLineBytes: 1024 })(q, ctx),
    });
    try {
      for (const server of [viaHandler, viaBackend]) {
        assert.equal(types((await receive(await post(server.url, { query: 'short' }))).frames).at(-1), 'complete');
        assert.deepEqual((await receive(await post(server.url, { query: 'long' }))).frames.at(-1), UNAVAILABLE);
      }
    } finally {
      await Promise.all([api.close(), viaHandler.close(), viaBackend.close()]);
    }
  });
});
