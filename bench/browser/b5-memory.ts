/**
 * B5, memory: the heap an answer keeps once it is complete and rendered, with
 * the widget still on the page. Measured through CDP: two full GCs
 * (HeapProfiler.collectGarbage), then Runtime.getHeapUsage, before the ask
 * (widget mounted, warmed up, emptied) and after it (3 frames after the end).
 * The target is judged on V8's heap (`usedSize`, what `performance.memory`
 * reports); Blink's heap (DOM nodes and their text: `embedderHeapUsedSize`) is
 * reported beside it, since an answer on screen is mostly DOM.
 *
 * The element's figure comes from the 1 MB answer in 10,000 chunks; both
 * implementations also run the same answer in 50 chunks (the baseline's
 * quadratic re-parsing cannot finish 10,000 chunks of 1 MB in reasonable time).
 */
import type { Impl, HeapUsage } from '../lib/browser.js';
import { fmt, ratio, verdict, type Outcome } from '../lib/report.js';
import { measuredAsk, spec, type BrowserCtx } from './session.js';

const MB = 1e6;
const total = (h: HeapUsage) => h.js + h.embedder + h.backing;
const MEASURE = 'js' as const;

interface B5Run {
  impl: Impl;
  workload: string;
  status: string;
  length: number;
  before: HeapUsage;
  after: HeapUsage;
  delta: { js: number; embedder: number; backing: number; total: number };
}

export async function runB5(ctx: BrowserCtx, opts: { naiveDeadlineMs: number }): Promise<Outcome> {
  ctx.log('B5 memory, 1 MB answer');
  const runs: B5Run[] = [];
  for (const [impl, workload] of [
    ['ask-stream', 'b5'],
    ['ask-stream', 'b5coarse'],
    ['naive', 'b5coarse'],
  ] as const) {
    const m = await measuredAsk(
      ctx,
      impl,
      spec(workload, { deadlineMs: impl === 'naive' ? opts.naiveDeadlineMs : 120_000 }),
      { heap: true },
    );
    const { before, after } = m.heap!;
    runs.push({
      impl,
      workload,
      status: m.run.timedOut ? 'deadline' : m.run.status,
      length: m.run.length,
      before,
      after,
      delta: {
        js: after.js - before.js,
        embedder: after.embedder - before.embedder,
        backing: after.backing - before.backing,
        total: total(after) - total(before),
      },
    });
  }
  const [own, ownCoarse, naive] = runs as [B5Run, B5Run, B5Run];
  const utf16 = own.length * 2;
  const times = (r: B5Run) => r.delta[MEASURE] / (r.length * 2);
  const describe = (r: B5Run) =>
    `JS ${fmt(r.delta.js / MB, 1)} MB = ${fmt(times(r), 1)} × (+ DOM ${fmt(r.delta.embedder / MB, 1)} MB; all ${fmt(r.delta.total / (r.length * 2), 1)} ×)${r.status === 'complete' ? '' : ` [${r.status}]`}`;
  return {
    id: 'B5',
    title: 'memory',
    rows: [
      {
        metric: `heap kept by a ${fmt(own.length / MB, 2)} M-character answer (× its UTF-16 size, ${fmt(utf16 / MB, 1)} MB)`,
        askStream: describe(own),
        target: '≤ 4 ×',
        verdict: verdict(own.status === 'complete' && times(own) <= 4),
      },
      {
        metric: 'the same answer in 50 chunks (both)',
        askStream: describe(ownCoarse),
        naive: describe(naive),
        ratio: `${ratio(naive.delta.total, ownCoarse.delta.total)} (JS + DOM)`,
      },
    ],
    notes: [],
    raw: runs,
  };
}
