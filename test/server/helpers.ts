// Real servers on loopback for the server tests: the handler behind the Node
// adapter, and raw node:http servers acting as the backends it calls.
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { createAskStreamHandler } from '../../src/server/index.js';
import { toNodeHandler } from '../../src/server/node/index.js';
import type { AskStreamHandlerOptions } from '../../src/server/index.js';
import type { Frame } from '../../src/protocol.js';

export interface Running {
  url: string;
  server: http.Server;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1, port 0. */
export function listen(listener: http.RequestListener): Promise<Running> {
  const server = http.createServer(listener);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** The handler, through the Node adapter, on a real socket. `onError` is silenced unless given. */
export function startHandler(options: AskStreamHandlerOptions): Promise<Running> {
  return listen(toNodeHandler(createAskStreamHandler({ onError: () => {}, ...options })));
}

export const ENDPOINT = '/api/ask/stream';

/** POSTs a body (an object is JSON-encoded) to the handler. */
export function post(base: string, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(base + ENDPOINT, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
}

/** What an event stream carried: data frames, comments, and the raw text. */
export interface Received {
  frames: Frame[];
  /** The SSE id of each frame ('' when its block set none), parallel to `frames`. */
  ids: string[];
  comments: string[];
  text: string;
}

/** Splits an event stream's text into frames and comments (the handler writes LF-only blocks). */
export function parseSse(text: string): Received {
  const frames: Frame[] = [];
  const ids: string[] = [];
  const comments: string[] = [];
  for (const block of text.split('\n\n')) {
    let id = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('data: ')) {
        frames.push(JSON.parse(line.slice(6)) as Frame);
        ids.push(id);
      } else if (line.startsWith('id: ')) id = line.slice(4);
      else if (line.startsWith(':')) comments.push(line.slice(1).trim());
      else if (line !== '') throw new Error(`unexpected line ${JSON.stringify(line)}`);
    }
  }
  return { frames, ids, comments, text };
}

export async function receive(response: Response): Promise<Received> {
  return parseSse(await response.text());
}

/** Reads a stream until `until` holds for what arrived so far; leaves the stream open. */
export async function readUntil(
  response: Response,
  until: (received: Received) => boolean,
): Promise<{ received: Received; reader: ReadableStreamDefaultReader<Uint8Array> }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`stream ended before the condition held: ${text}`);
    text += decoder.decode(value, { stream: true });
    const complete = text.slice(0, text.lastIndexOf('\n\n') + 2);
    const received = parseSse(complete);
    if (until(received)) return { received, reader };
  }
}

export const types = (frames: Frame[]): string[] => frames.map((f) => f.type);

export const answerText = (frames: Frame[]): string =>
  frames.map((f) => (f.type === 'chunk' ? f.content : '')).join('');

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Resolves when `predicate` holds, polling; rejects after `ms`. */
export async function waitFor(predicate: () => boolean, ms = 2000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/**
 * Resolves once `value()` has not changed for `quietMs` (a producer that came
 * to a halt), however long the machine takes to get there; rejects after `ms`.
 */
export async function waitForStable(value: () => unknown, quietMs: number, ms: number): Promise<void> {
  const end = Date.now() + ms;
  let last = value();
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() > end) throw new Error(`still changing after ${ms} ms`);
    await sleep(10);
    const now = value();
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
}

/** A promise with its resolver outside, for backends the test steps by hand. */
export function gate<T = void>(): { promise: Promise<T>; open(value: T): void } {
  let open!: (value: T) => void;
  const promise = new Promise<T>((r) => (open = r));
  return { promise, open };
}

export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

/** What {@link watchEventLoop} saw, in ms. */
export interface EventLoopStalls {
  /** The longest wall-clock gap between two turns of the event loop. */
  wall: number;
  /**
   * The longest gap that was also spent computing: per gap, the smaller of its
   * wall-clock time and the CPU time the process used in it. A loaded machine
   * that stops this process for a while shows in `wall` but not here; code
   * that holds the event loop shows in both.
   */
  busy: number;
  /**
   * The longest time the process was runnable but not running: per gap, its
   * wall-clock time less the CPU time spent in it. A machine busy with other
   * work shows here.
   */
  starved: number;
  /** All such time added up, counting gaps over 20 ms. */
  starvedTotal: number;
}

/** Watches the event loop with a timer every `everyMs` until `stop()`. */
export function watchEventLoop(everyMs = 2): { stop(): EventLoopStalls } {
  let wall = 0;
  let busy = 0;
  let starved = 0;
  let starvedTotal = 0;
  let lastTime = performance.now();
  let lastCpu = process.cpuUsage();
  const tick = () => {
    const now = performance.now();
    const cpu = process.cpuUsage();
    const gap = now - lastTime;
    const used = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000;
    wall = Math.max(wall, gap);
    busy = Math.max(busy, Math.min(gap, used));
    starved = Math.max(starved, gap - everyMs - used);
    if (gap - everyMs - used > 20) starvedTotal += gap - everyMs - used;
    lastTime = now;
    lastCpu = cpu;
  };
  const timer = setInterval(tick, everyMs);
  return {
    stop() {
      tick();
      clearInterval(timer);
      return { wall, busy, starved, starvedTotal };
    },
  };
}

/** The CPU time `run` takes, in ms (user and system, all threads), and its wall-clock time. */
export function cpuTime(run: () => void): { cpu: number; wall: number } {
  const started = performance.now();
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return { cpu: (used.user + used.system) / 1000, wall: performance.now() - started };
}

/** A response read off a raw socket. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends `head` (request line and headers, `\r\n`-separated, without the blank
 * line) and `body` over a plain socket, for requests fetch would never send:
 * a `//host` path, an absolute-form target, a forged Host, TRACE. Adds
 * `Connection: close` and reads until the server closes.
 */
export function rawHttp(base: string, head: string, body = ''): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const parts: Buffer[] = [];
    socket.on('data', (part: Buffer) => parts.push(part));
    socket.on('error', reject);
    socket.on('close', () => {
      const raw = Buffer.concat(parts);
      const split = raw.indexOf('\r\n\r\n');
      if (split < 0) return reject(new Error(`no response: ${JSON.stringify(raw.toString())}`));
      const [statusLine, ...lines] = raw.subarray(0, split).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      let bytes: Buffer = raw.subarray(split + 4);
      if (headers['transfer-encoding'] === 'chunked') bytes = unchunk(bytes);
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body: bytes.toString('utf8') });
    });
    socket.write(`${head}\r\nConnection: close\r\n\r\n${body}`);
  });
}

function unchunk(bytes: Buffer): Buffer {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length;) {
    const lineEnd = bytes.indexOf('\r\n', at);
    const size = parseInt(bytes.subarray(at, lineEnd).toString('latin1'), 16);
    if (!(size > 0)) break;
    out.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(out);
}

/**
 * Writes `total` bytes: `head`, then `filler` over and over (one buffer, never
 * allocated again, so the upstream itself costs no memory), then `tail`,
 * waiting for the socket to drain. Stops when the reader hangs up.
 */
export async function pour(res: http.ServerResponse, head: string, filler: Buffer, total: number, tail: string) {
  const sent = { bytes: head.length };
  res.write(head);
  while (sent.bytes < total && !res.destroyed) {
    sent.bytes += filler.length;
    if (!res.write(filler)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  if (!res.destroyed) res.end(tail);
  return sent.bytes;
}
