/**
 * B2, frame budget: 2,000 chunks/s for 5 s (10,000 token-sized chunks, ~100 KB).
 *
 * Counted in the page by the Probe (pages/probe.ts): renders per animation
 * frame (the element's Lit updates, counted by wrapping its `update`; the
 * baseline's innerHTML writes; and, for both, batches of DOM changes seen by a
 * MutationObserver), long tasks (PerformanceObserver 'longtask', ≥ 50 ms wall
 * clock) and the longest gap between frames. The run is also traced, to tell a
 * long task caused by our code (≥ 50 ms of main-thread CPU) from one that only
 * waited for a core on a loaded machine.
 */
import type { Impl } from '../lib/browser.js';
import { fmt, ms, ratio, verdict, type Outcome, type Row } from '../lib/report.js';
import { median } from '../lib/stats.js';
import { busyByInterval, type Task } from '../lib/trace.js';
import { interleaved, measuredAsk, spec, type BrowserCtx, type Measured } from './session.js';

const LONG_TASK_MS = 50;

interface B2Run {
  status: string;
  timedOut: boolean;
  chunks: number;
  durationMs: number;
  frames: number;
  longestFrameMs: number;
  rendersMaxPerFrame: number;
  rendersFramesOverOne: number;
  rendersTotal: number;
  domBatchesMaxPerFrame: number;
  domBatchesFramesOverOne: number;
  longTasks: { count: number; maxMs: number };
  /** From the trace: tasks ≥ 50 ms wall, and those that also used ≥ 50 ms CPU. */
  tracedLongTasks: { wall: number; cpu: number; maxCpuMs: number };
  cpuMs: number;
}

function summarize(m: Measured): B2Run {
  const r = m.run;
  const tasks: Task[] = (m.tasks ?? []).filter((t) => t.end > r.t0 && t.start < r.tEnd);
  const long = tasks.filter((t) => t.end - t.start >= LONG_TASK_MS);
  return {
    status: r.status,
    timedOut: r.timedOut,
    chunks: r.chunks,
    durationMs: r.tDone - r.t0,
    frames: r.probe.frames,
    longestFrameMs: r.probe.longestFrameMs,
    rendersMaxPerFrame: r.probe.renders.maxPerFrame,
    rendersFramesOverOne: r.probe.renders.framesWithMoreThanOne,
    rendersTotal: r.probe.renders.total,
    domBatchesMaxPerFrame: r.probe.domBatches.maxPerFrame,
    domBatchesFramesOverOne: r.probe.domBatches.framesWithMoreThanOne,
    longTasks: r.probe.longTasks,
    tracedLongTasks: {
      wall: long.length,
      cpu: long.filter((t) => t.cpu >= LONG_TASK_MS).length,
      maxCpuMs: Math.max(0, ...tasks.map((t) => t.cpu)),
    },
    cpuMs: busyByInterval(m.tasks ?? [], [r.t0, r.tEnd]).cpu[0]!,
  };
}

export async function runB2(ctx: BrowserCtx, opts: { repeats: number; naiveDeadlineMs: number }): Promise<Outcome> {
  ctx.log('B2 2,000 chunks/s × 5 s');
  const runs: Record<Impl, B2Run[]> = { 'ask-stream': [], naive: [] };
  const order = interleaved(opts.repeats);
  for (const impl of order) {
    const deadlineMs = impl === 'naive' ? opts.naiveDeadlineMs : 60_000;
    const m = await measuredAsk(ctx, impl, spec('b2', { deadlineMs }), { trace: true });
    runs[impl].push(summarize(m));
  }
  // The worst element run decides the verdicts: a budget is about the worst case.
  const own = runs['ask-stream'];
  const worst = (f: (r: B2Run) => number) => Math.max(...own.map(f));
  const naive = runs.naive[0]!;
  const naiveNote = naive.timedOut
    ? ` (stopped at ${Math.round((100 * naive.chunks) / 10_000)}% after ${fmt(naive.durationMs / 1000, 0)} s)`
    : '';
  const rows: Row[] = [
    {
      metric: 'renders per animation frame, max (frames with > 1)',
      askStream: `${worst((r) => r.rendersMaxPerFrame)} (${worst((r) => r.rendersFramesOverOne)}); DOM batches ${worst((r) => r.domBatchesMaxPerFrame)} (${worst((r) => r.domBatchesFramesOverOne)})`,
      naive: `${naive.rendersMaxPerFrame} (${naive.rendersFramesOverOne})${naiveNote}`,
      target: '≤ 1',
      verdict: verdict(worst((r) => Math.max(r.rendersMaxPerFrame, r.domBatchesMaxPerFrame)) <= 1),
    },
    {
      metric: 'long tasks ≥ 50 ms (of which ≥ 50 ms CPU)',
      askStream: `${worst((r) => r.longTasks.count)} (${worst((r) => r.tracedLongTasks.cpu)}), longest ${ms(
        worst((r) => r.longTasks.maxMs),
        0,
      )}`,
      naive: `${naive.longTasks.count} (${naive.tracedLongTasks.cpu}), longest ${ms(naive.longTasks.maxMs, 0)}`,
      target: '0',
      verdict: verdict(worst((r) => r.longTasks.count) === 0),
    },
    {
      metric: 'longest frame',
      askStream: ms(
        worst((r) => r.longestFrameMs),
        0,
      ),
      naive: ms(naive.longestFrameMs, 0),
      target: 'report',
    },
    {
      metric: 'frames rendered during the stream / main-thread CPU',
      askStream: `${median(own.map((r) => r.frames))} / ${ms(median(own.map((r) => r.cpuMs)), 0)}`,
      naive: `${naive.frames} / ${ms(naive.cpuMs, 0)}${naiveNote}`,
      ratio: naive.timedOut
        ? `≥ ${ratio(naive.cpuMs, median(own.map((r) => r.cpuMs)))}`
        : ratio(naive.cpuMs, median(own.map((r) => r.cpuMs))),
    },
  ];
  return {
    id: 'B2',
    title: 'frame budget',
    rows,
    notes: [
      `ask-stream runs: ${own.map((r) => `${r.frames} frames in ${fmt(r.durationMs / 1000, 1)} s, ${r.rendersTotal} renders, longest frame ${fmt(r.longestFrameMs, 0)} ms, longest task CPU ${fmt(r.tracedLongTasks.maxCpuMs, 0)} ms`).join('; ')}`,
    ],
    raw: runs,
  };
}
