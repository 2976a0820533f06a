/**
 * B3, latency: 1,000 chunks at 200 chunks/s, each carrying its own marker word.
 *
 * The interval measured, per chunk (pages/probe.ts):
 * - from: the page is handed the parsed chunk — for the element, its
 *   `ask-stream-chunk` event, which it fires right after decoding the frame,
 *   in the same task as the read that brought the bytes; for the baseline, its
 *   own loop, at the same point. (Code outside the element cannot see the read
 *   itself; both implementations are timed at the same point of the pipeline.)
 * - to: the end of the main-thread work of the frame that first shows the
 *   chunk's marker in the DOM (after its rAF callbacks, style, layout and paint
 *   recording), observed by a task posted from that frame's rAF callback.
 *   Rasterisation and display by the compositor, off the main thread, are not
 *   included.
 */
import type { Impl } from '../lib/browser.js';
import { fmt, ms, ratio, verdict, type Outcome } from '../lib/report.js';
import { percentile } from '../lib/stats.js';
import { interleaved, measuredAsk, spec, type BrowserCtx } from './session.js';

interface B3Run {
  status: string;
  timedOut: boolean;
  chunks: number;
  measured: number;
  missing: number;
  p50: number;
  p95: number;
  max: number;
}

export async function runB3(ctx: BrowserCtx, opts: { repeats: number; naiveDeadlineMs: number }): Promise<Outcome> {
  ctx.log('B3 200 chunks/s × 5 s, chunk → on screen');
  const runs: Record<Impl, B3Run[]> = { 'ask-stream': [], naive: [] };
  const order = interleaved(opts.repeats);
  const latencies: Record<Impl, number[]> = { 'ask-stream': [], naive: [] };
  for (const impl of order) {
    const deadlineMs = impl === 'naive' ? opts.naiveDeadlineMs : 60_000;
    const { run } = await measuredAsk(ctx, impl, spec('b3', { deadlineMs }));
    const l = run.probe.latencyMs;
    latencies[impl].push(...l);
    runs[impl].push({
      status: run.status,
      timedOut: run.timedOut,
      chunks: run.chunks,
      measured: l.length,
      missing: run.probe.latencyMissing,
      p50: percentile(l, 50),
      p95: percentile(l, 95),
      max: Math.max(...l),
    });
  }
  // Pooled over the element's runs.
  const own = latencies['ask-stream'];
  const nv = latencies.naive;
  const o = { p50: percentile(own, 50), p95: percentile(own, 95), max: Math.max(...own) };
  const n = { p50: percentile(nv, 50), p95: percentile(nv, 95), max: Math.max(...nv) };
  const naiveRun = runs.naive[0]!;
  const naiveNote = naiveRun.timedOut ? ` (stopped at ${Math.round((100 * naiveRun.chunks) / 1000)}%)` : '';
  return {
    id: 'B3',
    title: 'latency',
    rows: [
      {
        metric: 'chunk parsed → its frame rendered, p50 / p95 / max',
        askStream: `${fmt(o.p50, 1)} / ${fmt(o.p95, 1)} / ${ms(o.max, 0)}`,
        naive: `${fmt(n.p50, 1)} / ${fmt(n.p95, 1)} / ${ms(n.max, 0)}${naiveNote}`,
        ratio: `${ratio(n.p95, o.p95)} (p95)`,
        target: 'p95 ≤ 20 ms',
        verdict: verdict(o.p95 <= 20),
      },
    ],
    notes: [
      `chunks measured: ask-stream ${own.length} (${runs['ask-stream'].map((r) => r.missing).join('+')} not seen in the DOM), naive ${nv.length} (${naiveRun.missing} not seen)`,
      `per ask-stream run p95: ${runs['ask-stream'].map((r) => fmt(r.p95, 1)).join(', ')} ms`,
    ],
    raw: runs,
  };
}
