/**
 * B1, growth: a ~200 KB answer in 4,000 chunks. Does an update cost more as
 * the answer grows, and what does the whole answer cost the main thread?
 *
 * Method. Each run is traced (lib/trace.ts): every main-thread task, with the
 * CPU time it got, on the page's clock. The page logs the time and the answer
 * length at every chunk, and the time of every batch of DOM changes (Probe).
 *
 * - Total: main-thread CPU time from the ask to the end of the frame after it
 *   completes.
 * - Cost of an update, against the answer's length when it happened:
 *   - ask-stream renders in animation frames; an update's cost is the CPU
 *     time of the task its DOM changes were made in, which is the whole frame
 *     (rAF callbacks, the Lit update, style, layout, paint recording);
 *   - the baseline updates once per chunk; an update's cost is the main
 *     thread's CPU time from that chunk to the next (parse, innerHTML, and any
 *     frame that rendered it in between).
 *   Growth = median cost of the updates made in the last tenth of the answer ÷
 *   the same in the first tenth. The final update at completion is left out
 *   (it is not a streaming update; it is in the total).
 *
 * Two streams of the same answer:
 * - unpaced (the "as fast as the socket allows"): on loopback the whole
 *   answer is in the browser almost at once, so a frame-batched renderer
 *   renders it only a handful of times; this gives the TOTAL.
 * - paced at 1,000 chunks/s (4 s): the element renders every frame all along
 *   the answer; this gives the GROWTH.
 *
 * The baseline re-parses the whole answer per chunk, so its cost is quadratic
 * and a full run takes minutes. It runs to a deadline; its total is then a
 * measured lower bound, and a projection: a straight-line fit of its per-chunk
 * cost against the answer's length (what re-parsing the whole answer costs),
 * summed over the chunks it did not reach.
 */
import type { Impl } from '../lib/browser.js';
import { fmt, ms, ratio, verdict, type Outcome, type Row } from '../lib/report.js';
import { linearFit, median, sum } from '../lib/stats.js';
import { busyByInterval, taskAt, type Task } from '../lib/trace.js';
import { workload } from '../server/workloads.js';
import { interleaved, measuredAsk, spec, type BrowserCtx, type Measured } from './session.js';

export interface B1Options {
  /** Element runs per stream (medians are reported). */
  repeats: number;
  /** How long the baseline may run, per stream, ms. */
  naiveDeadlineMs: number;
}

interface Update {
  /** Answer length when it happened. */
  length: number;
  cpu: number;
}

interface Positioned {
  impl: Impl;
  /** Main-thread CPU ms spent while the answer was in each tenth (tenths reached only). */
  tenths: number[];
  chunksPerTenth: number[];
  /** Median CPU ms of one update, per tenth. */
  updateMsPerTenth: number[];
  updatesPerTenth: number[];
  beforeFirstChunk: number;
  afterLastChunk: number;
  /** Main-thread CPU ms from the ask to the end of its last frame. */
  total: number;
  /** The same, wall-clock (includes waiting for a core on a loaded machine). */
  totalWall: number;
  domBatches: number;
  /** Per chunk: the answer length after it and the CPU ms until the next chunk. */
  perChunk: Update[];
  /** Every streaming update (the baseline: perChunk). */
  updates: Update[];
  reached: number;
  complete: boolean;
}

const TENTHS = 10;

function position(impl: Impl, m: Measured, fullLength: number): Positioned {
  const r = m.run;
  const tasks: Task[] = m.tasks ?? [];
  const n = r.chunkTimes.length;
  const { cpu: busy, wall } = busyByInterval(tasks, [r.t0, ...r.chunkTimes, r.tEnd]);
  const tenthOf = (length: number) => Math.min(TENTHS - 1, Math.max(0, Math.ceil((length / fullLength) * TENTHS) - 1));
  const complete = r.status === 'complete' && !r.timedOut;
  const tenths = new Array<number>(TENTHS).fill(0);
  const chunksPerTenth = new Array<number>(TENTHS).fill(0);
  const perChunk: Update[] = [];
  // The interval after the last chunk is the completion, unless the run was cut short.
  const charged = complete ? n - 1 : n;
  for (let k = 0; k < charged; k++) {
    const length = r.chunkLengths[k]!;
    tenths[tenthOf(length)]! += busy[k + 1]!;
    chunksPerTenth[tenthOf(length)]!++;
    perChunk.push({ length, cpu: busy[k + 1]! });
  }
  if (complete) chunksPerTenth[TENTHS - 1]!++;

  let updates: Update[];
  if (impl === 'naive') {
    updates = perChunk;
  } else {
    // One update per task that changed the DOM, placed at the answer length then.
    updates = [];
    const seen = new Set<Task>();
    let k = 0;
    for (const t of r.probe.domBatchTimes) {
      while (k < n && r.chunkTimes[k]! <= t) k++;
      const task = taskAt(tasks, t);
      if (k === 0 || (complete && k === n) || !task || seen.has(task)) continue;
      seen.add(task);
      updates.push({ length: r.chunkLengths[k - 1]!, cpu: task.cpu });
    }
  }
  const reachedTenths = Math.max(1, Math.ceil((r.length / fullLength) * TENTHS - 1e-9));
  const byTenth = Array.from({ length: reachedTenths }, (_, i) =>
    updates.filter((u) => tenthOf(u.length) === i).map((u) => u.cpu),
  );
  return {
    impl,
    tenths: tenths.slice(0, reachedTenths),
    chunksPerTenth: chunksPerTenth.slice(0, reachedTenths),
    updateMsPerTenth: byTenth.map(median),
    updatesPerTenth: byTenth.map((u) => u.length),
    beforeFirstChunk: busy[0] ?? 0,
    afterLastChunk: complete ? busy[n]! : 0,
    total: sum(busy),
    totalWall: sum(wall),
    domBatches: r.probe.domBatches.total,
    perChunk,
    updates,
    reached: r.chunks,
    complete,
  };
}

/** The baseline's full-run cost, projected from its per-chunk cost (see the method above). */
function project(p: Positioned, cumulative: number[]) {
  // Fitted on means of 25-chunk bins past the first 5% (start-up noise): single chunks are noisy (a GC lands on one).
  const points = p.perChunk.slice(Math.floor(cumulative.length * 0.05));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i + 25 <= points.length; i += 25) {
    const bin = points.slice(i, i + 25);
    xs.push(sum(bin.map((c) => c.length)) / bin.length);
    ys.push(sum(bin.map((c) => c.cpu)) / bin.length);
  }
  const fit = linearFit(xs, ys);
  const rest = cumulative.slice(p.perChunk.length).reduce((acc, len) => acc + fit.a + fit.b * len, 0);
  return { fit, total: p.total + rest };
}

/**
 * Median update cost per tenth, the updates of all runs pooled (a tenth holds
 * only a dozen or two frames per run), and last full tenth ÷ first.
 */
function growth(ps: Positioned[], fullLength: number) {
  const tenthOf = (length: number) => Math.min(TENTHS - 1, Math.max(0, Math.ceil((length / fullLength) * TENTHS) - 1));
  const perTenth = Array.from({ length: TENTHS }, (_, i) =>
    median(ps.flatMap((p) => p.updates.filter((u) => tenthOf(u.length) === i).map((u) => u.cpu))),
  );
  const reached = Math.min(...ps.map((p) => (p.complete ? TENTHS : p.updateMsPerTenth.length - 1)));
  const last = reached - 1;
  // A cross-check that uses every update, not two tenths: a straight line
  // through cost against length, read at the middles of the first and last tenths.
  const all = ps.flatMap((p) => p.updates);
  const fit = linearFit(
    all.map((u) => u.length),
    all.map((u) => u.cpu),
  );
  const at = (tenth: number) => fit.a + fit.b * (((tenth + 0.5) / TENTHS) * fullLength);
  return {
    perTenth,
    lastTenth: last,
    ratio: last >= 1 ? perTenth[last]! / perTenth[0]! : NaN,
    fitted: last >= 1 ? at(last) / at(0) : NaN,
    updates: all.length,
  };
}

export async function runB1(ctx: BrowserCtx, opts: B1Options): Promise<Outcome> {
  const w = workload('b1')!;
  const fullLength = sum(w.chunks.map((c) => c.length));
  const cumulative: number[] = [];
  w.chunks.reduce((acc, c) => (cumulative.push(acc + c.length), acc + c.length), 0);

  const runs: Record<'unpaced' | 'paced', Record<Impl, Positioned[]>> = {
    unpaced: { 'ask-stream': [], naive: [] },
    paced: { 'ask-stream': [], naive: [] },
  };
  for (const [stream, name] of [
    ['unpaced', 'b1'],
    ['paced', 'b1paced'],
  ] as const) {
    ctx.log(`B1 ${stream}`);
    const order = interleaved(opts.repeats);
    for (const impl of order) {
      const deadlineMs = impl === 'naive' ? opts.naiveDeadlineMs : 120_000;
      const m = await measuredAsk(ctx, impl, spec(name, { log: true, deadlineMs }), { trace: true });
      if (m.run.status !== 'complete' && !m.run.timedOut)
        throw new Error(`B1 ${impl} ${stream}: ended ${m.run.status}`);
      runs[stream][impl].push(position(impl, m, fullLength));
    }
  }

  // Totals (unpaced).
  const own = runs.unpaced['ask-stream'];
  const ownTotal = median(own.map((p) => p.total));
  const naiveU = runs.unpaced.naive[0]!;
  const projection = naiveU.complete ? undefined : project(naiveU, cumulative);
  const naiveTotal = projection ? projection.total : naiveU.total;
  const stoppedAt = (p: Positioned) => `stopped at ${Math.round((100 * p.reached) / w.chunks.length)}%`;

  // Growth (paced).
  const ownPaced = runs.paced['ask-stream'];
  const ownGrowth = growth(ownPaced, fullLength);
  const medianPerTenth = (ps: Positioned[], f: (p: Positioned) => number[]) =>
    Array.from({ length: TENTHS }, (_, i) => median(ps.map((p) => f(p)[i] ?? NaN)));
  const ownUpdateMs = ownGrowth.perTenth;
  const naiveP = runs.paced.naive[0]!;
  const naiveGrowth = growth([naiveP], fullLength);

  const rows: Row[] = [
    {
      metric: 'main-thread CPU time, unpaced (200 KB, 4,000 chunks)',
      askStream: ms(ownTotal, 0),
      naive: naiveU.complete
        ? ms(naiveTotal, 0)
        : `≥ ${ms(naiveU.total, 0)} (${stoppedAt(naiveU)}); ≈ ${fmt(naiveTotal / 1000, 0)} s projected`,
      ratio: naiveU.complete
        ? ratio(naiveTotal, ownTotal)
        : `≥ ${ratio(naiveU.total, ownTotal)} (≈ ${ratio(naiveTotal, ownTotal)})`,
      target: 'ask-stream ≤ 1/10 of naive',
      verdict: verdict(naiveU.total / ownTotal >= 10),
    },
    {
      metric: 'cost of one update, last tenth ÷ first tenth (medians), paced 1,000 chunks/s',
      askStream: `${fmt(ownGrowth.ratio, 2)} (${ms(ownUpdateMs[0]!, 1)} → ${ms(ownUpdateMs[TENTHS - 1]!, 1)})`,
      naive:
        naiveGrowth.lastTenth >= 1
          ? `${fmt(naiveGrowth.ratio, 1)} by tenth ${naiveGrowth.lastTenth + 1} (${ms(naiveGrowth.perTenth[0]!, 1)} → ${ms(naiveGrowth.perTenth[naiveGrowth.lastTenth]!, 1)}; ${stoppedAt(naiveP)})`
          : `– (${stoppedAt(naiveP)})`,
      target: '≤ 1.5 (flat)',
      verdict: verdict(ownGrowth.ratio <= 1.5),
    },
    {
      metric: 'updates (DOM update batches), unpaced / paced',
      askStream: `${median(own.map((p) => p.domBatches))} / ${median(ownPaced.map((p) => p.domBatches))}`,
      naive: `one per chunk (${naiveU.reached} / ${naiveP.reached} before the deadline)`,
    },
  ];
  const strip = (p: Positioned) => ({ ...p, perChunk: undefined, updates: undefined });
  const list = (xs: number[], digits = 0) => xs.map((x) => fmt(x, digits)).join(', ');
  const notes = [
    `ask-stream, paced, median ms of one update per tenth (${ownPaced.length} runs pooled): ${list(ownUpdateMs, 1)}; updates per tenth per run: ${list(medianPerTenth(ownPaced, (p) => p.updatesPerTenth))}`,
    `ask-stream, paced, the same from a straight-line fit over all ${ownGrowth.updates} updates: last tenth ÷ first ${fmt(ownGrowth.fitted, 2)}`,
    `ask-stream, paced, main-thread CPU ms per tenth: ${list(medianPerTenth(ownPaced, (p) => p.tenths))}`,
    `ask-stream, unpaced, CPU ms per tenth: ${list(medianPerTenth(own, (p) => p.tenths))}; before the first chunk ${fmt(median(own.map((p) => p.beforeFirstChunk)), 0)}, after the last (the render of the whole answer) ${fmt(median(own.map((p) => p.afterLastChunk)), 0)}`,
    `wall-clock busy time, unpaced: ask-stream ${ms(median(own.map((p) => p.totalWall)), 0)}, naive ≥ ${ms(naiveU.totalWall, 0)} (CPU time is the verdict's measure: on a shared machine wall time also counts waiting for a core)`,
  ];
  if (projection) {
    notes.push(
      `naive per-chunk CPU fit (unpaced): ${fmt(projection.fit.a, 2)} ms + ${fmt(projection.fit.b * 1000, 3)} ms per 1,000 characters of answer, R² ${fmt(projection.fit.r2, 2)}`,
    );
  }
  return {
    id: 'B1',
    title: 'growth',
    rows,
    notes,
    raw: {
      fullLength,
      chunks: w.chunks.length,
      unpaced: { askStream: own.map(strip), naive: runs.unpaced.naive.map(strip), naiveProjection: projection },
      paced: {
        askStream: ownPaced.map(strip),
        naive: runs.paced.naive.map(strip),
        askStreamGrowth: ownGrowth,
        naiveGrowth,
      },
    },
  };
}
