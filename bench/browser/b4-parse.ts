/**
 * B4, parse throughput: 5 MiB of chunk frames through the shipped
 * `parseEventStream` (the bundle's export) + JSON.parse per event, in 64 KiB
 * pieces, against the floor of TextDecoder + JSON.parse with the frame
 * boundaries known in advance, the fastest of three ways (pages/parse-page.ts).
 * Alternating rounds in one page, traced: each section's cost is the main
 * thread's CPU time during it (robust to a loaded machine), medians reported;
 * wall-clock medians are in the notes. All ways must yield the same events.
 */
import { openPage } from '../lib/browser.js';
import { fmt, verdict, type Outcome } from '../lib/report.js';
import { median } from '../lib/stats.js';
import { busyByInterval, Trace } from '../lib/trace.js';
import type { BrowserCtx } from './session.js';

type Kind = 'parser' | 'floorWhole' | 'floorPerFrame' | 'floorBatched';

interface ParseRun {
  bytes: number;
  frames: number;
  spans: Record<Kind, [number, number][]>;
  sync: { name: string; time: number };
  mismatch: string | null;
}

const FLOORS: Record<Exclude<Kind, 'parser'>, string> = {
  floorWhole: 'one decode of the whole buffer',
  floorPerFrame: 'a decode per frame',
  floorBatched: 'a decode per 64 KiB of whole frames',
};

export async function runB4(ctx: BrowserCtx, opts: { iterations: number }): Promise<Outcome> {
  ctx.log('B4 parse throughput');
  const p = await openPage(ctx.browser, ctx.base, '/bench/pages/parse.html', 'typeof window.__parse === "object"');
  let r: ParseRun;
  let tasks;
  try {
    const trace = new Trace(p.cdp);
    await trace.start();
    r = (await p.page.evaluate(`window.__parse.run(${opts.iterations})`)) as ParseRun;
    tasks = await trace.stop(r.sync.name);
  } finally {
    await p.close();
  }
  if (r.mismatch) throw new Error(`B4: the parser and a floor disagree: ${r.mismatch}`);
  const cpu = (k: Kind) => r.spans[k].map(([a, b]) => busyByInterval(tasks, [a, b]).cpu[0]!);
  const wall = (k: Kind) => r.spans[k].map(([a, b]) => b - a);
  const mbps = (ms: number) => r.bytes / 1e6 / (ms / 1000);
  const kinds = ['parser', 'floorWhole', 'floorPerFrame', 'floorBatched'] as const;
  const cpuMBps = Object.fromEntries(kinds.map((k) => [k, mbps(median(cpu(k)))])) as Record<Kind, number>;
  const wallMBps = Object.fromEntries(kinds.map((k) => [k, mbps(median(wall(k)))])) as Record<Kind, number>;
  const [floorKind, floor] = (Object.keys(FLOORS) as (keyof typeof FLOORS)[])
    .map((k) => [k, cpuMBps[k]] as const)
    .sort((a, b) => b[1] - a[1])[0]!;
  const parser = cpuMBps.parser;
  const share = parser / floor;
  ctx.log(`  parser ${fmt(parser, 0)} MB/s, floor ${fmt(floor, 0)} MB/s (CPU time)`);
  const list = (k: Kind) => `${fmt(cpuMBps[k], 0)} MB/s CPU, ${fmt(wallMBps[k], 0)} MB/s wall`;
  return {
    id: 'B4',
    title: 'parse throughput',
    rows: [
      {
        metric: `parseEventStream + JSON.parse, ${fmt(r.bytes / 2 ** 20, 0)} MiB / ${r.frames.toLocaleString('en')} frames`,
        askStream: `${fmt(parser, 0)} MB/s = ${fmt(share, 2)} × floor`,
        naive: `floor: ${fmt(floor, 0)} MB/s (${FLOORS[floorKind]})`,
        target: '≥ 0.8 × floor',
        verdict: verdict(share >= 0.8),
      },
    ],
    notes: [
      `medians of ${opts.iterations} alternating rounds: parser ${list('parser')}; ${(Object.keys(FLOORS) as (keyof typeof FLOORS)[]).map((k) => `floor with ${FLOORS[k]} ${list(k)}`).join('; ')}`,
    ],
    raw: {
      bytes: r.bytes,
      frames: r.frames,
      cpuMs: Object.fromEntries(kinds.map((k) => [k, cpu(k)])),
      wallMs: Object.fromEntries(kinds.map((k) => [k, wall(k)])),
      cpuMBps,
      wallMBps,
      floor: floorKind,
      share,
    },
  };
}
