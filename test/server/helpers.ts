// Real servers on loopback for the server tests: the handler behind the Node
// adapter, and raw node:http servers acting as the backends it calls.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAskStreamHandler, toNodeHandler } from '../../src/server/index.js';
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
  comments: string[];
  text: string;
}

/** Splits an event stream's text into frames and comments (the handler writes LF-only blocks). */
export function parseSse(text: string): Received {
  const frames: Frame[] = [];
  const comments: string[] = [];
  for (const block of text.split('\n\n')) {
    for (const line of block.split('\n')) {
      if (line.startsWith('data: ')) frames.push(JSON.parse(line.slice(6)) as Frame);
      else if (line.startsWith(':')) comments.push(line.slice(1).trim());
      else if (line !== '') throw new Error(`unexpected line ${JSON.stringify(line)}`);
    }
  }
  return { frames, comments, text };
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
