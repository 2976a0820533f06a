import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, it } from 'node:test';
import { createAskStreamHandler, toNodeHandler, type BackendContext } from '../../src/server/index.js';
import { listen, readBody, receive, types, waitFor } from './helpers.js';

describe('toNodeHandler', () => {
  it('uses a body a framework already parsed (express.json()) and the URL before mounting (originalUrl)', async () => {
    let context: BackendContext | undefined;
    const node = toNodeHandler(
      createAskStreamHandler({
        backend: (_q, ctx) => {
          context = ctx;
          return { response: 'ok' };
        },
      }),
    );
    // What Express does: a body parser consumes the stream and sets req.body;
    // app.use('/api/ask/stream', ...) strips the mount path from req.url.
    const app = await listen(async (req, res) => {
      const parsed = JSON.parse(await readBody(req)) as unknown;
      Object.assign(req, { body: parsed, originalUrl: req.url, url: '/' });
      node(req, res);
    });
    try {
      const response = await fetch(`${app.url}/api/ask/stream?x=1`, {
        method: 'POST',
        body: JSON.stringify({ query: 'parsed', n: 1 }),
      });
      assert.deepEqual(types((await receive(response)).frames), ['start', 'chunk', 'complete']);
      assert.deepEqual(context!.body, { query: 'parsed', n: 1 });
      assert.equal(context!.request.url, `${app.url}/api/ask/stream?x=1`);
    } finally {
      await app.close();
    }
  });

  it('follows the client with backpressure: a reader that stops reading stops the producer', async () => {
    const PIECE = 'x'.repeat(64 * 1024);
    const TOTAL = 400; // 25 MiB, far beyond any socket buffer
    let yielded = 0;
    const app = await listen(
      toNodeHandler(
        createAskStreamHandler({
          heartbeatMs: 0,
          backend: async function* () {
            for (let i = 0; i < TOTAL; i++) {
              yielded++;
              yield PIECE;
            }
          },
        }),
      ),
    );
    try {
      const received = await new Promise<number>((resolve, reject) => {
        const req = http.request(`${app.url}/`, { method: 'POST', agent: false }, (res) => {
          let bytes = 0;
          res.pause();
          // Not reading: the producer must stall far short of the whole answer.
          setTimeout(() => {
            const stalledAt = yielded;
            setTimeout(() => {
              try {
                assert.ok(yielded < TOTAL / 2, `produced ${yielded} of ${TOTAL} pieces while nobody read`);
                assert.equal(yielded, stalledAt, 'the producer is waiting, not crawling on');
              } catch (e) {
                reject(e);
                req.destroy();
                return;
              }
              res.on('data', (c: Buffer) => (bytes += c.length));
              res.on('end', () => resolve(bytes));
              res.resume();
            }, 100);
          }, 300);
        });
        req.on('error', reject);
        req.end('{"query":"big"}');
      });
      assert.equal(yielded, TOTAL);
      assert.ok(received > TOTAL * PIECE.length, `${received} bytes`);
    } finally {
      await app.close();
    }
  });

  it('passes status, headers and every Set-Cookie of any Web handler through', async () => {
    const app = await listen(
      toNodeHandler(() => {
        const headers = new Headers({ 'content-type': 'text/plain', 'x-one': '1' });
        headers.append('set-cookie', 'a=1');
        headers.append('set-cookie', 'b=2');
        return new Response('teapot', { status: 418, headers });
      }),
    );
    try {
      const response = await fetch(app.url);
      assert.equal(response.status, 418);
      assert.equal(await response.text(), 'teapot');
      assert.equal(response.headers.get('x-one'), '1');
      assert.deepEqual(response.headers.getSetCookie(), ['a=1', 'b=2']);
    } finally {
      await app.close();
    }
  });

  it('hands a failing handler to next() when mounted as middleware, else answers 500', async () => {
    const failing = toNodeHandler(() => {
      throw new Error('bug');
    });
    let nextError: unknown;
    const withNext = await listen((req, res) =>
      failing(req, res, (e) => {
        nextError = e;
        res.statusCode = 502;
        res.end();
      }),
    );
    const original = console.error;
    console.error = () => {};
    const bare = await listen(failing);
    try {
      assert.equal((await fetch(withNext.url)).status, 502);
      await waitFor(() => nextError instanceof Error);
      const response = await fetch(bare.url);
      assert.equal(response.status, 500);
      assert.doesNotMatch(await response.text(), /bug/);
    } finally {
      console.error = original;
      await Promise.all([withNext.close(), bare.close()]);
    }
  });
});
