/**
 * The HTTP server the browser benchmarks load from, on 127.0.0.1 and a free port:
 *
 * - `GET /dist/ask-stream.js`: the built bundle, snapshotted at start so that a
 *   rebuild running beside the benchmark cannot swap it mid-run;
 * - `GET /node_modules/marked/lib/marked.esm.js`: marked, for the naive baseline only;
 * - `GET /bench/**`: the bench pages; a `.js` that exists as `.ts` is transpiled
 *   (types stripped, nothing bundled), so the pages are type-checked TypeScript;
 * - `GET /fixture/parse`: B4's bytes;
 * - `POST /stream/<workload>`: an ask-stream event stream (see workloads.ts),
 *   framed exactly like `createAskStreamHandler`'s output.
 *
 * Run it alone to poke at the pages: `npx tsx bench/server/bench-server.ts`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { frame } from '../fixtures/chunks.js';
import { parseFixture, workload, type Workload } from './workloads.js';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const BUNDLE_PATH = join(ROOT, 'dist/ask-stream.js');
const MARKED_PATH = join(ROOT, 'node_modules/marked/lib/marked.esm.js');

/** B4 streams 5 MiB of frames. */
export const PARSE_FIXTURE_BYTES = 5 * 1024 * 1024;

export interface BenchServer {
  url: string;
  bundle: { bytes: number; sha256: string };
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export async function startBenchServer(): Promise<BenchServer> {
  if (!existsSync(BUNDLE_PATH)) throw new Error(`${BUNDLE_PATH} is missing: build first (npm run build)`);
  const bundle = readFileSync(BUNDLE_PATH);
  const transpiled = new Map<string, string>();
  let parseBytes: Buffer | undefined;

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[bench-server]', error);
      if (!res.headersSent) res.writeHead(500).end(String(error));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (req.method === 'POST' && path.startsWith('/stream/')) {
      const w = workload(path.slice('/stream/'.length));
      if (!w) return void res.writeHead(404).end();
      await drainBody(req);
      return streamWorkload(w, res);
    }
    if (req.method !== 'GET') return void res.writeHead(405).end();
    if (path === '/dist/ask-stream.js') return send(res, '.js', bundle);
    if (path === '/node_modules/marked/lib/marked.esm.js') return send(res, '.js', readFileSync(MARKED_PATH));
    if (path === '/fixture/parse') {
      parseBytes ??= parseFixture(PARSE_FIXTURE_BYTES);
      return send(res, '.bin', parseBytes);
    }
    if (path.startsWith('/bench/')) {
      const file = normalize(join(ROOT, path));
      if (!file.startsWith(join(ROOT, 'bench'))) return void res.writeHead(403).end();
      if (existsSync(file)) return send(res, extname(file), readFileSync(file));
      const source = file.replace(/\.js$/, '.ts');
      if (file.endsWith('.js') && existsSync(source)) {
        let js = transpiled.get(source);
        if (js === undefined) {
          js = ts.transpileModule(readFileSync(source, 'utf8'), {
            compilerOptions: {
              target: ts.ScriptTarget.ES2022,
              module: ts.ModuleKind.ESNext,
              useDefineForClassFields: false,
            },
          }).outputText;
          transpiled.set(source, js);
        }
        return send(res, '.js', js);
      }
    }
    res.writeHead(404).end();
  }

  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bundle: { bytes: bundle.length, sha256: createHash('sha256').update(bundle).digest('hex').slice(0, 16) },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

function send(res: ServerResponse, ext: string, body: string | Buffer): void {
  res.writeHead(200, {
    'Content-Type': TYPES[ext] ?? 'application/octet-stream',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

async function drainBody(req: IncomingMessage): Promise<void> {
  for await (const _ of req);
}

const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

function drained(res: ServerResponse): Promise<void> {
  return new Promise((ok) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      ok();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Writes the workload's frames. Unpaced: one `write` per frame, waiting for
 * 'drain' whenever the socket's buffer is full, so the browser's reading speed
 * sets the pace. Paced: every millisecond or so, writes (as one write) the
 * frames whose time has come, like a model producing tokens at a fixed rate;
 * if the client falls behind, backpressure holds them back and they go out
 * together once it catches up.
 */
async function streamWorkload(w: Workload, res: ServerResponse): Promise<void> {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  res.socket?.setNoDelay(true);
  res.write(frame({ type: 'start', query: 'bench', timestamp: Date.now() }));
  const n = w.frames.length;
  if (!Number.isFinite(w.rate)) {
    for (let i = 0; i < n && !res.destroyed; i++) {
      if (!res.write(w.frames[i]!)) await drained(res);
    }
  } else {
    const start = performance.now();
    let sent = 0;
    while (sent < n && !res.destroyed) {
      const due = Math.min(n, Math.floor(((performance.now() - start) * w.rate) / 1000) + 1);
      if (due > sent) {
        const ok = res.write(due - sent === 1 ? w.frames[sent]! : Buffer.concat(w.frames.slice(sent, due)));
        sent = due;
        if (!ok) await drained(res);
      }
      if (sent < n) await sleep(1);
    }
  }
  if (!res.destroyed) res.end(frame({ type: 'complete', success: true }));
}

// Alone: serve until Ctrl-C.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const s = await startBenchServer();
  console.log(
    `bench server on ${s.url}  (pages: ${s.url}/bench/pages/ask-stream.html, ${s.url}/bench/naive/index.html)`,
  );
}
