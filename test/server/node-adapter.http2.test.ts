// The Node adapter (ask-stream/server/node) behind node:http2's secure server,
// as browsers reach it in production: TLS with ALPN h2, a certificate made for
// the test, streams multiplexed on one connection, and a client that resets
// its stream or drops the connection.
import assert from 'node:assert/strict';
import http2 from 'node:http2';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { generate } from 'selfsigned';
import { createAskStreamHandler, type AskBackend } from '../../src/server/index.js';
import { toNodeHandler } from '../../src/server/node/index.js';
import { gate, parseSse } from './helpers.js';

/** A self-signed certificate for localhost and 127.0.0.1, made afresh (nothing secret is kept in the repo). */
async function certificate(): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/** One ask of the test backend: its signal, and the gate that lets it finish. */
interface Ask {
  query: string;
  signal: AbortSignal;
  aborted: Promise<void>;
  finish(): void;
}

/** Streams two pieces at once, then waits for the test (or the signal) before the last one. */
function steppedBackend(asks: Ask[], started: (ask: Ask) => void): AskBackend {
  return async function* (query, { signal }) {
    const done = gate();
    const aborted = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    const ask = { query, signal, aborted, finish: () => done.open() };
    asks.push(ask);
    started(ask);
    yield 'Hel';
    yield 'lo';
    await Promise.race([done.promise, aborted]);
    signal.throwIfAborted();
    yield ', h2!';
    yield { sources: [{ title: 'RFC 9113', url: 'https://www.rfc-editor.org/rfc/rfc9113' }] };
  };
}

/** An HTTP/2 stream of one ask, read frame by frame. */
function ask(session: http2.ClientHttp2Session, query: string) {
  const stream = session.request({
    ':method': 'POST',
    ':path': '/api/ask/stream',
    'content-type': 'application/json',
    accept: 'text/event-stream',
  });
  stream.setEncoding('utf8');
  const headers = new Promise<http2.IncomingHttpHeaders>((resolve) => stream.once('response', resolve));
  let text = '';
  const waiters: (() => void)[] = [];
  stream.on('data', (part: string) => {
    text += part;
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<void>((resolve) => stream.once('close', resolve));
  stream.on('error', () => {});
  stream.end(JSON.stringify({ query }));
  const frames = () => parseSse(text.slice(0, text.lastIndexOf('\n\n') + 2)).frames;
  return {
    stream,
    headers,
    closed,
    frames,
    /** Resolves once `until` holds for the frames received, as they arrive. */
    async receive(until: (f: ReturnType<typeof frames>) => boolean) {
      while (!until(frames())) {
        if (stream.closed) throw new Error(`the stream closed first: ${text}`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
      return frames();
    },
  };
}

const answerText = (frames: { type: string; content?: string }[]) =>
  frames.map((f) => (f.type === 'chunk' ? f.content : '')).join('');

// A backend that is never aborted would wait forever: the timeout turns that into a failure.
describe('toNodeHandler over node:http2 (TLS, h2)', { timeout: 20_000 }, () => {
  const asks: Ask[] = [];
  let onStart: (ask: Ask) => void = () => {};
  let server: http2.Http2SecureServer;
  let url: string;
  let ca: string;
  const errors: unknown[] = [];

  before(async () => {
    const { key, cert } = await certificate();
    ca = cert;
    const handler = toNodeHandler(
      createAskStreamHandler({
        backend: steppedBackend(asks, (a) => onStart(a)),
        onError: (e) => errors.push(e),
      }),
    );
    // As a user writes it: the adapter's type takes http2's compatibility request and response.
    server = http2.createSecureServer({ key, cert }, handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** A client session trusting the test's certificate; closed by the test. */
  function connect(): Promise<http2.ClientHttp2Session> {
    return new Promise((resolve, reject) => {
      const session = http2.connect(url, { ca });
      session.once('connect', () => resolve(session));
      session.once('error', reject);
    });
  }

  it('streams a whole answer: event-stream headers without Connection, each piece as it comes', async () => {
    const session = await connect();
    try {
      const started = new Promise<Ask>((resolve) => (onStart = resolve));
      const one = ask(session, 'hello over h2');
      const headers = await one.headers;
      assert.equal(session.alpnProtocol, 'h2');
      assert.equal(headers[':status'], 200);
      assert.equal(headers['content-type'], 'text/event-stream; charset=utf-8');
      assert.equal(headers['cache-control'], 'no-cache, no-transform');
      // Connection is hop-by-hop and illegal in HTTP/2: a client would refuse the response.
      assert.equal(headers.connection, undefined);

      // The first pieces arrive while the backend still holds the rest back.
      const early = await one.receive((f) => answerText(f) === 'Hello');
      assert.deepEqual(
        early.map((f) => f.type),
        ['start', 'chunk', 'chunk'],
      );
      const backend = await started;
      assert.equal(backend.query, 'hello over h2');
      backend.finish();

      const frames = await one.receive((f) => f.at(-1)?.type === 'complete');
      assert.equal(answerText(frames), 'Hello, h2!');
      assert.deepEqual(frames.at(-2), {
        type: 'metadata',
        sources: [{ title: 'RFC 9113', url: 'https://www.rfc-editor.org/rfc/rfc9113' }],
      });
      await one.closed;
      assert.equal(backend.signal.aborted, true, 'completion aborts the signal too (so nothing lingers)');
      assert.deepEqual(errors, []);
    } finally {
      session.close();
    }
  });

  it('a stream the client resets aborts its backend, and only its own: the other stream on the connection completes', async () => {
    const session = await connect();
    try {
      const starts: Ask[] = [];
      const bothStarted = new Promise<void>((resolve) => {
        onStart = (a) => {
          starts.push(a);
          if (starts.length === 2) resolve();
        };
      });
      const leaving = ask(session, 'leaving');
      const staying = ask(session, 'staying');
      await Promise.all([
        leaving.receive((f) => answerText(f) === 'Hello'),
        staying.receive((f) => answerText(f) === 'Hello'),
      ]);
      await bothStarted;
      const left = starts.find((a) => a.query === 'leaving')!;
      const stayed = starts.find((a) => a.query === 'staying')!;

      // RST_STREAM with CANCEL: what a browser sends when fetch is aborted on an h2 connection.
      leaving.stream.close(http2.constants.NGHTTP2_CANCEL);
      await left.aborted;
      assert.equal(left.signal.aborted, true);
      assert.equal(stayed.signal.aborted, false, 'the other stream of the connection goes on');

      stayed.finish();
      const frames = await staying.receive((f) => f.at(-1)?.type === 'complete');
      assert.equal(answerText(frames), 'Hello, h2!');
      assert.equal(session.closed, false);
      assert.deepEqual(errors, [], 'a disconnect is not an error');
    } finally {
      session.close();
    }
  });

  it('a client that drops the whole connection aborts every backend it was reading', async () => {
    const session = await connect();
    const starts: Ask[] = [];
    const bothStarted = new Promise<void>((resolve) => {
      onStart = (a) => {
        starts.push(a);
        if (starts.length === 2) resolve();
      };
    });
    const one = ask(session, 'one');
    const two = ask(session, 'two');
    await Promise.all([one.receive((f) => answerText(f) === 'Hello'), two.receive((f) => answerText(f) === 'Hello')]);
    await bothStarted;
    assert.ok(starts.every((a) => !a.signal.aborted));
    session.destroy();
    await Promise.all(starts.map((a) => a.aborted));
    assert.ok(starts.every((a) => a.signal.aborted));
    assert.deepEqual(errors, []);
  });
});

describe('toNodeHandler over node:http2: peers', { timeout: 20_000 }, () => {
  let key: string;
  let cert: string;
  before(async () => {
    ({ key, cert } = await certificate());
  });

  /** A secure HTTP/2 server (with HTTP/1.1 allowed) around the handler; its URL and a close function. */
  async function serve(options: Parameters<typeof createAskStreamHandler>[0]) {
    const server = http2.createSecureServer(
      { key, cert, allowHTTP1: true },
      toNodeHandler(createAskStreamHandler({ onError: () => {}, ...options })),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  }

  it('answers an HTTP/1.1 client on the same port (allowHTTP1)', async () => {
    const server = await serve({ backend: () => ({ response: 'Hello, h1!' }) });
    try {
      const { status, version, text } = await new Promise<{ status: number; version: string; text: string }>(
        (resolve, reject) => {
          const req = https.request(
            `${server.url}/api/ask/stream`,
            { method: 'POST', ca: cert, headers: { 'content-type': 'application/json' }, agent: false },
            (res) => {
              let text = '';
              res.setEncoding('utf8');
              res.on('data', (part: string) => (text += part));
              res.on('end', () => resolve({ status: res.statusCode!, version: res.httpVersion, text }));
            },
          );
          req.on('error', reject);
          req.end(JSON.stringify({ query: 'hi' }));
        },
      );
      assert.equal(version, '1.1');
      assert.equal(status, 200);
      const { frames } = parseSse(text);
      assert.equal(answerText(frames), 'Hello, h1!');
      assert.equal(frames.at(-1)!.type, 'complete');
    } finally {
      await server.close();
    }
  });

  it('drops a stream whose reader stopped reading after writeTimeoutMs, aborting its backend', async () => {
    const aborted = gate<number>();
    let produced = 0;
    let lastPiece = 0;
    const server = await serve({
      writeTimeoutMs: 300,
      heartbeatMs: 0,
      // Endless text, as fast as the stream takes it.
      backend: async function* (_query, { signal }) {
        signal.addEventListener('abort', () => aborted.open(performance.now()), { once: true });
        const piece = 'x'.repeat(16 * 1024);
        for (;;) {
          produced += piece.length;
          lastPiece = performance.now();
          yield piece;
        }
      },
    });
    const session = http2.connect(server.url, { ca: cert });
    session.on('error', () => {});
    try {
      const stream = session.request({
        ':method': 'POST',
        ':path': '/api/ask/stream',
        'content-type': 'application/json',
      });
      stream.on('error', () => {});
      // Read the headers, then nothing: HTTP/2 flow control stops the server's writes once the window is full.
      stream.pause();
      stream.end(JSON.stringify({ query: 'flood' }));
      const abortedAt = await aborted.promise;
      // The stream's window and the server's buffers hold a bounded amount, never the endless answer.
      assert.ok(produced < 16 * 1024 * 1024, `${produced} bytes produced`);
      // Dropped for not reading: only after writeTimeoutMs without room for the next piece.
      assert.ok(abortedAt - lastPiece >= 290, `aborted ${abortedAt - lastPiece} ms after the last piece`);
    } finally {
      session.destroy();
      await server.close();
    }
  });
});
