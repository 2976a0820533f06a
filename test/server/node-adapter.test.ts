import assert from 'node:assert/strict';
import http from 'node:http';
import http2 from 'node:http2';
import net, { type AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { createAskStreamHandler, type BackendContext } from '../../src/server/index.js';
import { toNodeHandler } from '../../src/server/node/index.js';
import { listen, post, readBody, receive, types, waitFor, waitForStable } from './helpers.js';

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

  it('lets go of the request once its body is read: no listener left on it while the answer streams', async () => {
    let listeners: Record<string, number> | undefined;
    let incoming: http.IncomingMessage | undefined;
    const node = toNodeHandler(
      createAskStreamHandler({
        heartbeatMs: 0,
        backend: async function* () {
          // The body has been read (the backend has its query): the request's part is over.
          listeners = Object.fromEntries(
            ['data', 'end', 'close', 'readable'].map((name) => [name, incoming!.listenerCount(name)]),
          );
          yield 'done';
        },
      }),
    );
    const app = await listen((req, res) => {
      incoming = req;
      node(req, res);
    });
    try {
      assert.deepEqual(types((await receive(await post(app.url, { query: 'q' }))).frames), [
        'start',
        'chunk',
        'complete',
      ]);
      assert.deepEqual(listeners, { data: 0, end: 0, close: 0, readable: 0 });
    } finally {
      await app.close();
    }
  });

  it("streams a handler's answer that was wrapped in another stream the generic way, disconnect included", async () => {
    let signal: AbortSignal | undefined;
    const handler = createAskStreamHandler({
      heartbeatMs: 0,
      backend: async function* (_q, ctx) {
        signal = ctx.signal;
        yield 'one ';
        await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
      },
    });
    // A middleware that passes the body through a stream of its own: not the handler's stream any more.
    const wrapped = async (request: Request) => {
      const response = await handler(request);
      return new Response(response.body!.pipeThrough(new TransformStream()), response);
    };
    const app = await listen(toNodeHandler(wrapped));
    const client = new AbortController();
    try {
      const response = await post(app.url, { query: 'q' }, { signal: client.signal });
      const reader = response.body!.getReader();
      let text = '';
      while (!text.includes('"chunk"')) text += new TextDecoder().decode((await reader.read()).value);
      assert.match(text, /"type":"start"/);
      client.abort();
      await waitFor(() => signal?.aborted === true, 2000, 'the backend aborted');
    } finally {
      await app.close();
    }
  });

  it("drops a stalled reader of the handler's own stream at the adapter's writeTimeoutMs when it is the shorter", async () => {
    let signal: AbortSignal | undefined;
    const node = toNodeHandler(
      createAskStreamHandler({
        writeTimeoutMs: 30_000,
        heartbeatMs: 0,
        maxAnswerBytes: 64 * 1024 * 1024,
        backend: async function* (_q, ctx) {
          signal = ctx.signal;
          for (let i = 0; i < 1000; i++) yield 'x'.repeat(64 * 1024);
        },
      }),
      { writeTimeoutMs: 500 },
    );
    let closed: number | undefined;
    const app = await listen((req, res) => {
      req.socket.once('close', () => (closed = performance.now()));
      node(req, res);
    });
    const started = performance.now();
    const socket = net.connect(Number(new URL(app.url).port), '127.0.0.1');
    socket.on('error', () => {});
    socket.pause();
    const body = '{"query":"q"}';
    socket.write(
      `POST /api/ask/stream HTTP/1.1\r\nHost: ${new URL(app.url).host}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    try {
      await waitFor(() => closed !== undefined, 10_000, 'the socket closed');
      const ms = closed! - started;
      assert.ok(ms >= 450 && ms < 5000, `closed after ${ms.toFixed(0)} ms`);
      assert.equal(signal?.aborted, true, "the backend's signal aborted");
    } finally {
      socket.destroy();
      await app.close();
    }
  });

  it('aborts the backend when an HTTP/2 client resets its stream mid-answer', async () => {
    let signal: AbortSignal | undefined;
    const node = toNodeHandler(
      createAskStreamHandler({
        heartbeatMs: 0,
        backend: async function* (_q, ctx) {
          signal = ctx.signal;
          yield 'one ';
          await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
        },
      }),
    );
    // Cleartext HTTP/2 (h2c): the adapter sees the same compatibility API as over TLS.
    const server = http2.createServer((req, res) => node(req as never, res as never));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = http2.connect(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    try {
      const stream = client.request({ ':method': 'POST', ':path': '/api/ask/stream' });
      stream.setEncoding('utf8');
      let text = '';
      await new Promise<void>((resolve, reject) => {
        stream.on('data', (part: string) => {
          text += part;
          if (text.includes('"chunk"')) resolve();
        });
        stream.on('error', reject);
        stream.end('{"query":"q"}');
      });
      stream.close(http2.constants.NGHTTP2_CANCEL);
      await waitFor(() => signal?.aborted === true, 2000, "the backend's signal aborted");
    } finally {
      client.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
