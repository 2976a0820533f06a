import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, it } from 'node:test';
import { createAskStreamHandler, type BackendContext } from '../../src/server/index.js';
import { toNodeHandler } from '../../src/server/node/index.js';
import { listen, readBody, receive, types, waitForStable } from './helpers.js';

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
          maxAnswerBytes: 32 * 1024 * 1024,
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
          // Not reading: the producer must come to a halt far short of the whole answer.
          waitForStable(() => yielded, 200, 10_000)
            .then(() => {
              assert.ok(yielded < TOTAL / 2, `produced ${yielded} of ${TOTAL} pieces while nobody read`);
              res.on('data', (c: Buffer) => (bytes += c.length));
              res.on('end', () => resolve(bytes));
              res.resume();
            })
            .catch((e: unknown) => {
              reject(e);
              req.destroy();
            });
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

  it('answers a failing handler with a bare 500 itself, never next(error): no framework error page', async () => {
    const errors: unknown[] = [];
    const failing = toNodeHandler(
      () => {
        throw new Error('bug at /srv/app/node_modules/x.js:1');
      },
      { onError: (e) => errors.push(e) },
    );
    let nextCalled = false;
    const withNext = await listen((req, res) => failing(req, res, () => (nextCalled = true)));
    const bare = await listen(failing);
    try {
      for (const app of [withNext, bare]) {
        const response = await fetch(app.url);
        assert.equal(response.status, 500);
        assert.equal(await response.text(), 'Internal Server Error');
      }
      assert.equal(nextCalled, false);
      assert.equal(errors.length, 2, 'the error goes to onError');
    } finally {
      await Promise.all([withNext.close(), bare.close()]);
    }
  });
});
