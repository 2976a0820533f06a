import assert from 'node:assert/strict';
import type http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { httpBackend } from '../../src/server/index.js';
import { answerText, listen, post, readBody, receive, startHandler, types, type Running } from './helpers.js';

const UNAVAILABLE = {
  type: 'error',
  code: 'BACKEND_UNAVAILABLE',
  message: 'Service temporarily unavailable',
  retryable: true,
};
/** A 4xx other than 408/429: asking again cannot help (test/server/upstream-error.test.ts has the rest). */
const FINAL = { ...UNAVAILABLE, message: 'Service unavailable', retryable: false };

/** A fake ML pipeline; the query picks its behaviour. */
function pipeline(seen: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: unknown }[]) {
  return listen(async (req, res) => {
    const raw = await readBody(req);
    const body = JSON.parse(raw) as { query: string };
    seen.push({ method: req.method, url: req.url, headers: req.headers, body });
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    switch (body.query) {
      case 'fail':
        return json(500, { detail: 'Traceback: KeyError at model.py line 12' });
      case 'not found':
        return json(404, { detail: 'no' });
      case 'bad json':
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('{"response": "trunc');
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end('<html>gateway</html>');
      case 'no response':
        return json(200, { answer: 'wrong field' });
      default:
        return json(200, {
          response: `The answer to "${body.query}" is forty-two, as computed by the pipeline — ünïcödé 🚀 included.`,
          confidence: 0.87,
          sources: [{ title: 'Doc A', url: 'https://docs.example/a' }, 'https://docs.example/b', { internal_id: 9 }, 5],
          debug: { internal: 'hidden' },
        });
    }
  });
}

describe('httpBackend (a real fake ML pipeline on loopback)', () => {
  const seen: Parameters<typeof pipeline>[0] = [];
  let ml: Running;
  let app: Running;
  const errors: unknown[] = [];
  before(async () => {
    ml = await pipeline(seen);
    // A trailing slash must not produce "//api/ask".
    app = await startHandler({
      backend: httpBackend(`${ml.url}/`, { headers: { 'x-api-key': 'k1' } }),
      chunkSize: 20,
      onError: (e) => errors.push(e),
    });
  });
  after(() => Promise.all([ml.close(), app.close()]));

  it('POSTs {query} as JSON to {url}/api/ask and streams the answer with its metadata', async () => {
    seen.length = 0;
    const { frames } = await receive(await post(app.url, { query: 'life', extra: 'not forwarded' }));
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.method, 'POST');
    assert.equal(seen[0]!.url, '/api/ask');
    assert.match(String(seen[0]!.headers['content-type']), /^application\/json/);
    assert.equal(seen[0]!.headers['x-api-key'], 'k1');
    assert.deepEqual(seen[0]!.body, { query: 'life' });

    assert.equal(types(frames)[0], 'start');
    assert.ok(frames.filter((f) => f.type === 'chunk').length > 2, 'split into chunks');
    assert.equal(
      answerText(frames),
      'The answer to "life" is forty-two, as computed by the pipeline — ünïcödé 🚀 included.',
    );
    assert.deepEqual(frames.at(-2), {
      type: 'metadata',
      confidence: 0.87,
      // Only what the widget can show: no pipeline internals.
      sources: [{ title: 'Doc A', url: 'https://docs.example/a' }, 'https://docs.example/b'],
    });
    assert.deepEqual(frames.at(-1), { type: 'complete', success: true });
  });

  for (const query of ['fail', 'not found', 'bad json', 'html', 'no response']) {
    it(`turns "${query}" into BACKEND_UNAVAILABLE with no internal text`, async () => {
      errors.length = 0;
      const { frames, text } = await receive(await post(app.url, { query }));
      assert.deepEqual(types(frames), ['start', 'error']);
      assert.deepEqual(frames[1], query === 'not found' ? FINAL : UNAVAILABLE);
      assert.doesNotMatch(text, /Traceback|model\.py|gateway|127\.0\.0\.1|HTTP \d/);
      assert.equal(errors.length, 1, 'the details go to onError');
    });
  }

  it('calls the fetch it is given instead of the global one', async () => {
    const calls: string[] = [];
    const server = await startHandler({
      backend: httpBackend(ml.url, {
        fetch: (input, init) => {
          calls.push(String(input));
          return fetch(input, init);
        },
      }),
    });
    try {
      const { frames } = await receive(await post(server.url, { query: 'life' }));
      assert.deepEqual(calls, [`${ml.url}/api/ask`]);
      assert.match(answerText(frames), /forty-two/);
    } finally {
      await server.close();
    }
  });

  it('passes the conversation history through in its JSON body, oldest first', async () => {
    seen.length = 0;
    const history = [
      { query: 'first?', response: 'One.' },
      { query: 'second?', response: 'Two.', rating: 'up' },
    ];
    const { frames } = await receive(await post(app.url, { query: 'third?', history }));
    assert.equal(frames.at(-1)!.type, 'complete');
    assert.deepEqual(seen[0]!.body, {
      query: 'third?',
      history: [
        { query: 'first?', response: 'One.' },
        { query: 'second?', response: 'Two.' },
      ],
    });
  });

  it('POSTs to {url}{path} with the path option, a query string kept', async () => {
    for (const path of ['/v2/answer?tenant=a', 'v2/answer?tenant=a']) {
      seen.length = 0;
      const server = await startHandler({ backend: httpBackend(`${ml.url}/`, { path }) });
      try {
        const { frames } = await receive(await post(server.url, { query: 'life' }));
        assert.equal(frames.at(-1)!.type, 'complete');
        assert.equal(seen[0]!.url, '/v2/answer?tenant=a');
      } finally {
        await server.close();
      }
    }
  });

  it('turns an unreachable pipeline into BACKEND_UNAVAILABLE', async () => {
    const down = await listen(() => {});
    const url = down.url;
    await down.close();
    const server = await startHandler({ backend: httpBackend(url) });
    try {
      const { frames } = await receive(await post(server.url, { query: 'q' }));
      assert.deepEqual(frames[1], UNAVAILABLE);
    } finally {
      await server.close();
    }
  });
});
