/**
 * The server process of S1 and S2: the real handler as it ships (the built
 * library, `dist/lib/server`, what `ask-stream/server` resolves to:
 * createAskStreamHandler + toNodeHandler + demoBackend) on node:http, nothing
 * else, plus instruments the driver (s1-concurrency.ts, s2-disconnect.ts)
 * reads over IPC. Run with `--expose-gc` so memory is read after a full GC.
 *
 * - memory: process.memoryUsage() after gc(), on request; also sampled every 50 ms.
 * - event-loop delay: perf_hooks.monitorEventLoopDelay, 10 ms resolution. It
 *   records the interval between its timer's runs, so an idle loop reads
 *   ~10 ms: the delay reported is that interval minus the 10 ms. Two
 *   histograms: over the whole load, and from 'steady' (every stream open) on.
 * - open streams: responses started and not yet closed.
 * - S2: the backend is the demo backend wrapped to record, per request id,
 *   when its `signal` aborts (performance.timeOrigin + performance.now(), the
 *   same clock the load generator uses).
 *
 * `handler-server.ts bare` runs a reference instead of the handler: the least
 * a node:http server can do to send the same frames at the same pace (read
 * the body, write each frame from a timer, no Web streams, no Request or
 * Response objects), to show what part of the memory per stream is Node's own.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { frame } from '../../test/support/sse-frame.mjs';
import type * as ServerModule from '../../src/server/index.js';
import type * as NodeModule from '../../src/server/node/index.js';
import type * as DemoModule from '../../src/server/demo/index.js';
import type { AskBackend } from '../../src/server/index.js';
import { BENCH_DOCUMENT } from './bench-document.js';

export type ServerCommand =
  { cmd: 'memory' } | { cmd: 'start-load' } | { cmd: 'steady' } | { cmd: 'report' } | { cmd: 'resources' };

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('handler-server: run with --expose-gc');

const now = () => performance.timeOrigin + performance.now();

// The built library, not src/ through tsx: tsx compiles with esbuild's keepNames,
// which gives every function created at run time an own `name` property, and so
// its own dictionary of properties (~250 bytes): ~4 KB of each open stream's
// memory in S1, and the CPU to make them, that no user's server pays.
async function load<T>(path: string): Promise<T> {
  try {
    return (await import(new URL(`../../dist/lib/server/${path}`, import.meta.url).href)) as T;
  } catch (cause) {
    throw new Error('handler-server: no built library in dist/lib: run `npm run build` first', { cause });
  }
}
const { chunkText, createAskStreamHandler } = await load<typeof ServerModule>('index.js');
const { toNodeHandler } = await load<typeof NodeModule>('node/index.js');
const { demoBackend } = await load<typeof DemoModule>('demo/index.js');

// 10 chunks/s, as the issue says: the demo backend's pace, 100 ms apart.
const demo = demoBackend({ delayMs: 100, chunkSize: 24, documents: [BENCH_DOCUMENT] });
const abortedAt = new Map<string, number>();
const backend: AskBackend = (query, ctx) => {
  const id = typeof ctx.body.id === 'string' ? ctx.body.id : undefined;
  if (id !== undefined) ctx.signal.addEventListener('abort', () => abortedAt.set(id, now()), { once: true });
  return demo(query, ctx);
};

const bare = process.argv[2] === 'bare';
const pieces = chunkText(BENCH_DOCUMENT.text, 24);

function bareHandler(req: IncomingMessage, res: ServerResponse): void {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (text: string) => (body += text));
  req.on('end', () => {
    const { query } = JSON.parse(body) as { query: string };
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
    });
    res.write(frame({ type: 'start', query, timestamp: Date.now() }));
    let i = 0;
    const tick = () => {
      if (res.destroyed) return;
      if (i < pieces.length) {
        res.write(frame({ type: 'chunk', content: pieces[i], index: i }));
        i++;
        timer = setTimeout(tick, 100);
      } else {
        res.end(frame({ type: 'complete', success: true }));
      }
    };
    let timer = setTimeout(tick, 0);
    res.once('close', () => clearTimeout(timer));
  });
}

const handler = bare
  ? bareHandler
  : toNodeHandler(createAskStreamHandler({ backend, onError: (e) => console.error('[handler-server]', e) }));
let open = 0;
let maxOpen = 0;
const server = createServer((req, res) => {
  open++;
  maxOpen = Math.max(maxOpen, open);
  res.once('close', () => open--);
  handler(req, res);
});

const RESOLUTION_MS = 10;
const eld = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
const steady = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
const samples: { t: number; open: number; rss: number; heapUsed: number; external: number }[] = [];
let sampler: ReturnType<typeof setInterval> | undefined;

function memory() {
  gc!();
  gc!();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, open };
}

function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
}

process.on('message', (message: ServerCommand) => {
  switch (message.cmd) {
    case 'memory':
      return process.send!({ memory: memory() });
    case 'start-load':
      eld.reset();
      eld.enable();
      sampler = setInterval(() => {
        const m = process.memoryUsage();
        samples.push({ t: performance.now(), open, rss: m.rss, heapUsed: m.heapUsed, external: m.external });
      }, 50);
      return process.send!({ started: true });
    case 'steady':
      steady.reset();
      steady.enable();
      return process.send!({ steady: true });
    case 'report': {
      eld.disable();
      steady.disable();
      clearInterval(sampler);
      const ms = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
      const summary = (h: typeof eld) =>
        h.count
          ? { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max), samples: h.count }
          : undefined;
      return process.send!({
        report: {
          eventLoopDelay: summary(eld),
          steadyEventLoopDelay: summary(steady),
          maxOpen,
          open,
          samples,
          abortedAt: Object.fromEntries(abortedAt),
        },
      });
    }
    case 'resources':
      return process.send!({ resources: { counts: resources(), open } });
  }
});

// A deep backlog: the load generator opens every connection at once.
server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => {
  process.send!({ port: (server.address() as AddressInfo).port });
});
