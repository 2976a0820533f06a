/**
 * S1, server concurrency: 1,000 concurrent streams on one Node process running
 * the real handler with the demo backend at 10 chunks/s (~108 chunks, ~11 s per
 * stream), from a load generator in another process on loopback.
 *
 * - memory per open stream: (memory with every stream open − memory before
 *   the load) ÷ open streams, both read after a full GC; RSS and V8 heap +
 *   external (buffers). RSS is the verdict's measure: it is everything the
 *   process holds.
 * - event-loop delay p99 over the whole load, the start-up burst of 1,000
 *   simultaneous requests included (the verdict's measure), and from the
 *   moment every stream is open (handler-server.ts says how it is read).
 * - every stream completes: each got its `complete` frame.
 *
 * Then the same load against a bare node:http reference (handler-server.ts
 * bare), in the baseline column: the memory a stream costs Node itself.
 */
import { fmt, verdict, type Outcome } from '../lib/report.js';
import { percentile } from '../lib/stats.js';
import { ask, forkTs, next, stop } from './processes.js';
import type { StreamResult } from './load-client.js';

interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  open: number;
}

interface Delay {
  p50: number;
  p99: number;
  max: number;
  samples: number;
}

interface Report {
  eventLoopDelay: Delay;
  steadyEventLoopDelay?: Delay;
  maxOpen: number;
  open: number;
  samples: { t: number; open: number; rss: number; heapUsed: number; external: number }[];
}

const KB = 1024;

interface Load {
  before: Memory;
  peak: Memory;
  tOpenMs: number;
  complete: number;
  total: number;
  report: Report;
  firstChunkMs: number[];
  durationsMs: number[];
  failures: string[];
}

async function load(streams: number, serverArgs: string[]): Promise<Load> {
  const server = forkTs('./handler-server.ts', serverArgs, ['--expose-gc']);
  let client: ReturnType<typeof forkTs> | undefined;
  try {
    const port = await next<number>(server, 'port');
    // Warm the server (JIT, first-request paths) with a few streams first.
    const warm = forkTs('./load-client.ts', [String(port), '20', 'complete']);
    await next<StreamResult[]>(warm, 'results');
    await stop(warm);
    const before = await ask<Memory>(server, { cmd: 'memory' }, 'memory');
    await ask(server, { cmd: 'start-load' }, 'started');
    const t0 = performance.now();
    client = forkTs('./load-client.ts', [String(port), String(streams), 'complete']);
    const results = next<StreamResult[]>(client, 'results', 180_000);
    await next(client, 'allOpen', 120_000);
    const tOpenMs = performance.now() - t0;
    const peak = await ask<Memory>(server, { cmd: 'memory' }, 'memory');
    await ask(server, { cmd: 'steady' }, 'steady');
    const done = await results;
    const report = await ask<Report>(server, { cmd: 'report' }, 'report');
    return {
      before,
      peak,
      tOpenMs,
      complete: done.filter((r) => r.complete).length,
      total: done.length,
      report,
      firstChunkMs: done.map((r) => r.firstChunkMs ?? NaN).filter(Number.isFinite),
      durationsMs: done.map((r) => r.durationMs),
      failures: done
        .filter((r) => !r.complete)
        .slice(0, 5)
        .map((r) => `${r.id}: ${r.error ?? 'incomplete'} (${r.chunks} chunks)`),
    };
  } finally {
    if (client) await stop(client);
    await stop(server);
  }
}

const perStream = (l: Load, k: 'rss' | 'heap') =>
  k === 'rss'
    ? (l.peak.rss - l.before.rss) / l.peak.open
    : (l.peak.heapUsed + l.peak.external - l.before.heapUsed - l.before.external) / l.peak.open;

export async function runS1(log: (line: string) => void, opts: { streams: number }): Promise<Outcome> {
  log(`S1 ${opts.streams} concurrent streams`);
  const own = await load(opts.streams, []);
  log(
    `  handler: all open after ${fmt(own.tOpenMs / 1000, 1)} s; ${own.complete}/${own.total} complete; ${own.peak.open} open at the peak read`,
  );
  const ref = await load(opts.streams, ['bare']);
  log(`  bare node:http: all open after ${fmt(ref.tOpenMs / 1000, 1)} s; ${ref.complete}/${ref.total} complete`);
  const eld = (d: Delay | undefined) => (d ? `${fmt(d.p99, 1)} ms (${fmt(d.p50, 1)}, ${fmt(d.max, 0)} ms)` : '–');
  const mem = (l: Load) =>
    `${fmt(perStream(l, 'rss') / KB, 1)} KB (V8 heap + external ${fmt(perStream(l, 'heap') / KB, 1)} KB)`;
  const strip = (l: Load) => ({
    ...l,
    firstChunkMs: undefined,
    durationsMs: undefined,
    report: { ...l.report, samples: l.report.samples.filter((_, i) => i % 10 === 0) },
  });
  return {
    id: 'S1',
    title: 'server concurrency',
    rows: [
      {
        metric: `memory per open stream (${own.peak.open} open; RSS, after GC)`,
        askStream: mem(own),
        naive: `bare node:http: ${mem(ref)}`,
        target: '≤ 50 KB',
        verdict: verdict(perStream(own, 'rss') <= 50 * KB),
      },
      {
        metric: 'event-loop delay p99 (p50, max), whole load',
        askStream: eld(own.report.eventLoopDelay),
        naive: `bare node:http: ${eld(ref.report.eventLoopDelay)}`,
        target: '≤ 20 ms',
        verdict: verdict(own.report.eventLoopDelay.p99 <= 20),
      },
      {
        metric: 'event-loop delay p99 (p50, max), once all are open',
        askStream: eld(own.report.steadyEventLoopDelay),
        naive: `bare node:http: ${eld(ref.report.steadyEventLoopDelay)}`,
      },
      {
        metric: 'streams complete',
        askStream: `${own.complete} / ${own.total}`,
        naive: `bare node:http: ${ref.complete} / ${ref.total}`,
        target: 'all',
        verdict: verdict(own.complete === opts.streams),
      },
    ],
    notes: [
      `handler: all ${opts.streams} open ${fmt(own.tOpenMs / 1000, 1)} s after the first request (bare: ${fmt(ref.tOpenMs / 1000, 1)} s); time to first chunk p50 ${fmt(percentile(own.firstChunkMs, 50), 0)} ms, p99 ${fmt(percentile(own.firstChunkMs, 99), 0)} ms (bare: ${fmt(percentile(ref.firstChunkMs, 50), 0)}, ${fmt(percentile(ref.firstChunkMs, 99), 0)} ms); stream duration p50 ${fmt(percentile(own.durationsMs, 50) / 1000, 1)} s`,
      `handler RSS before ${fmt(own.before.rss / 2 ** 20, 1)} MB, at the peak ${fmt(own.peak.rss / 2 ** 20, 1)} MB (highest sample without forced GC ${fmt(Math.max(...own.report.samples.map((s) => s.rss)) / 2 ** 20, 1)} MB)`,
      ...(own.failures.length ? [`incomplete: ${own.failures.join('; ')}`] : []),
    ],
    raw: { handler: strip(own), bare: strip(ref) },
  };
}
