import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import { createAskStreamHandler, type AskStreamHandlerOptions } from '../../src/server/index.js';
import { toNodeHandler } from '../../src/server/node/index.js';
import { ENDPOINT, listen, waitFor, type Running } from './helpers.js';

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

/** When a socket's request arrived, when the server last handed it bytes, and when it closed. */
interface SocketTimes {
  arrived: number;
  lastWrite: number;
  closed?: number;
}

/** The handler behind the Node adapter, with the {@link SocketTimes} of each socket. */
async function timedServer(options: AskStreamHandlerOptions) {
  const node = toNodeHandler(createAskStreamHandler({ onError: () => {}, ...options }));
  const sockets: SocketTimes[] = [];
  const server = await listen((req, res) => {
    const now = performance.now();
    const entry: SocketTimes = { arrived: now, lastWrite: now };
    sockets.push(entry);
    // The server stops writing to the response once the client's buffers and
    // the kernel's are full: from then on the client is not reading.
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    res.write = ((...args: unknown[]) => {
      entry.lastWrite = performance.now();
      return write(...args);
    }) as typeof res.write;
    req.socket.once('close', () => (entry.closed = performance.now()));
    node(req, res);
  });
  return { server, sockets };
}

/** Opens a socket, sends the head (and any body), and never reads what comes back. */
function stalledClient(server: Running, head: string, body = ''): net.Socket {
  const { port } = new URL(server.url);
  const socket = net.connect(Number(port), '127.0.0.1');
  socket.on('error', () => {});
  socket.pause();
  socket.write(`${head}\r\n\r\n${body}`);
  return socket;
}

const askHead = (server: Running, length: number) =>
  [
    `POST ${ENDPOINT} HTTP/1.1`,
    `Host: ${new URL(server.url).host}`,
    'Content-Type: application/json',
    `Content-Length: ${length}`,
  ].join('\r\n');

describe('writeTimeoutMs: a client that stops reading is dropped', () => {
  it('closes 20 stalled readers of a 20 MB answer within writeTimeoutMs + 1 s, the backends aborted', async (t) => {
    const WRITE_TIMEOUT = 2000;
    const PIECE = 'x'.repeat(64 * 1024);
    const signals: AbortSignal[] = [];
    let produced = 0;
    const before = timers();
    const { server, sockets } = await timedServer({
      writeTimeoutMs: WRITE_TIMEOUT,
      heartbeatMs: 0,
      maxAnswerBytes: 32 * 1024 * 1024,
      backend: async function* (_q, { signal }) {
        signals.push(signal);
        for (let i = 0; i < 320; i++) {
          produced++;
          yield PIECE; // 320 × 64 KB = 20 MB
        }
      },
    });
    const body = '{"query":"q"}';
    const clients = Array.from({ length: 20 }, () => stalledClient(server, askHead(server, body.length), body));
    try {
      await waitFor(() => sockets.length === 20 && sockets.every((s) => s.closed !== undefined), 15_000, 'all closed');
      // From the moment the server could hand a socket nothing more (its
      // buffers full: the client has stopped reading) to the socket's close.
      // Filling the buffers of 20 sockets (megabytes each) takes from a few
      // ms to seconds, depending on how busy the machine is; that is reported.
      const held = sockets.map((s) => s.closed! - s.lastWrite);
      const range = (values: number[]) => `${Math.min(...values).toFixed(0)}-${Math.max(...values).toFixed(0)} ms`;
      t.diagnostic(
        `sockets closed ${range(held)} after their last write (${range(sockets.map((s) => s.closed! - s.arrived))} ` +
          `after their request); ${produced} of ${20 * 320} pieces produced`,
      );
      for (const ms of held) {
        assert.ok(ms >= WRITE_TIMEOUT - 100, `closed ${ms.toFixed(0)} ms after the last write: before the timeout`);
        assert.ok(ms <= WRITE_TIMEOUT + 1000, `closed ${ms.toFixed(0)} ms after the last write`);
      }
      assert.equal(signals.length, 20);
      assert.ok(
        signals.every((s) => s.aborted),
        "every backend's signal aborted",
      );
      assert.ok(produced < 20 * 320, 'the producers stopped');
      await waitFor(() => timers() <= before, 2000, 'no timer left');
    } finally {
      for (const client of clients) client.destroy();
      await server.close();
    }
  });

  it('drops the stalled reader of any handler through the Node adapter, after its writeTimeoutMs', async () => {
    const big = new Uint8Array(32 * 1024 * 1024);
    let closed: number | undefined;
    let arrived = 0;
    const node = toNodeHandler(() => new Response(big), { writeTimeoutMs: 1000 });
    const server = await listen((req, res) => {
      arrived = performance.now();
      req.socket.once('close', () => (closed = performance.now()));
      node(req, res);
    });
    const client = stalledClient(server, `GET / HTTP/1.1\r\nHost: ${new URL(server.url).host}`);
    try {
      await waitFor(() => closed !== undefined, 10_000, 'closed');
      assert.ok(closed! - arrived >= 950 && closed! - arrived <= 2000, `${(closed! - arrived).toFixed(0)} ms`);
    } finally {
      client.destroy();
      await server.close();
    }
  });

  it('drops a reader that stops in any runtime: the Web handler alone errors the body and aborts the backend', async () => {
    let signal: AbortSignal | undefined;
    const handler = createAskStreamHandler({
      writeTimeoutMs: 300,
      heartbeatMs: 0,
      onError: () => {},
      backend: async function* (_q, context) {
        signal = context.signal;
        for (;;) yield 'x'.repeat(1024);
      },
    });
    const response = await handler(new Request('http://localhost/', { method: 'POST', body: '{"query":"q"}' }));
    const reader = response.body!.getReader();
    await reader.read(); // one chunk, then nothing: the reader stops
    const started = performance.now();
    await waitFor(() => signal?.aborted === true, 5000, 'the backend aborted');
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 250 && elapsed < 2000, `${elapsed.toFixed(0)} ms`);
    assert.equal((signal!.reason as Error).name, 'TimeoutError');
    await assert.rejects(async () => {
      for (;;) if ((await reader.read()).done) break;
    });
  });

  it('exposes the default, 30 s, to the Node adapter', () => {
    assert.equal(createAskStreamHandler({ backend: () => ({ response: '' }) }).writeTimeoutMs, 30_000);
  });
});

describe('bodyTimeoutMs: a request body that drips is cut', () => {
  /**
   * Sends a chunked body one byte every `everyMs` until the server closes (or
   * `giveUpMs` pass); returns what it answered and when.
   */
  async function drip(server: Running, everyMs: number, giveUpMs: number) {
    const { port } = new URL(server.url);
    const socket = net.connect(Number(port), '127.0.0.1');
    const started = performance.now();
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (part: string) => (text += part));
    socket.write(
      `POST ${ENDPOINT} HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{\r\n`,
    );
    const body = '"query":"q"}';
    let sent = 0;
    const dripper = setInterval(() => {
      if (!socket.destroyed) socket.write(`1\r\n${body[sent++ % body.length]}\r\n`);
    }, everyMs);
    const giveUp = setTimeout(() => socket.destroy(), giveUpMs);
    await new Promise<void>((resolve) => {
      socket.on('close', () => resolve());
      socket.on('error', () => {});
    });
    clearInterval(dripper);
    clearTimeout(giveUp);
    return { elapsed: performance.now() - started, status: Number(text.split(' ')[1]), text };
  }

  it('answers 408 and closes the connection at bodyTimeoutMs; the backend never runs; no timer left', async (t) => {
    const before = timers();
    let calls = 0;
    const { server } = await timedServer({
      bodyTimeoutMs: 1000,
      backend: () => {
        calls++;
        return { response: 'x' };
      },
    });
    try {
      const { elapsed, status, text } = await drip(server, 200, 5000);
      t.diagnostic(`cut after ${elapsed.toFixed(0)} ms`);
      assert.equal(status, 408);
      assert.match(text, /Request body timed out/);
      assert.ok(elapsed >= 950 && elapsed <= 2000, `${elapsed.toFixed(0)} ms`);
      assert.equal(calls, 0);
      await waitFor(() => timers() <= before, 2000, 'no timer left');
    } finally {
      await server.close();
    }
  });

  it('defaults to 10 s', async (t) => {
    const { server } = await timedServer({ backend: () => ({ response: 'x' }) });
    try {
      const { elapsed, status } = await drip(server, 1000, 15_000);
      t.diagnostic(`cut after ${elapsed.toFixed(0)} ms`);
      assert.equal(status, 408);
      assert.ok(elapsed >= 9950 && elapsed <= 11_000, `${elapsed.toFixed(0)} ms`);
    } finally {
      await server.close();
    }
  });
});
