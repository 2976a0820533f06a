/**
 * B6, paced as models send: the B1 answer (200 KB, 4,000 chunks) at 100
 * chunks/s, a 40 s stream, as a fast model streams it.
 *
 * - main-thread time over the stream: CDP Performance.getMetrics
 *   `TaskDuration` (every task, promise jobs included; Chromium's script time
 *   alone would leave out the read loop's microtasks), from the ask to the
 *   frames after it ends;
 * - the longest gap between two frames (the Probe's rAF loop);
 * - per-chunk cost growth: the main thread's CPU (from a trace of a second
 *   run) in the last tenth of the stream ÷ in the first tenth. The chunks come
 *   at a steady rate, so every tenth holds the same number of them.
 *
 * The baseline is run once, to a deadline: it cannot keep up with the pace.
 *
 * Notes give two floors of this machine: the main-thread time of a page that
 * only changes one character of text per frame, which is what any renderer
 * showing a stream at the frame rate pays before parsing or templating anything;
 * and that of a page that only reads the same stream (fetch, a reader, a
 * TextDecoder; rAF running), which any implementation in the page pays.
 */
import { fmt, ms, ratio, verdict, type Outcome } from '../lib/report.js';
import { busyByInterval } from '../lib/trace.js';
import { mainThreadMs, openPage, PAGE_OF } from '../lib/browser.js';
import { measuredAsk, spec, type BrowserCtx } from './session.js';

const FLOOR_MS = 10_000;

/**
 * Main-thread time per frame of the element's page (the same page, styles and
 * viewport) while a rAF loop only sets one character of text per frame, and
 * while it changes nothing: the cost of a frame with a change in it, here.
 */
async function frameFloor(ctx: BrowserCtx): Promise<{ changed: number; idle: number; read: number }> {
  const p = await openPage(ctx.browser, ctx.base, PAGE_OF['ask-stream']);
  try {
    await p.cdp.send('Performance.enable');
    const perFrame = async (change: boolean) => {
      const m0 = await mainThreadMs(p.cdp);
      // A string, not a function: tsx's helpers would not exist in the page.
      const frames = (await p.page.evaluate(`new Promise((done) => {
        const text = document.body.appendChild(document.createElement('p')).appendChild(document.createTextNode(''));
        const t0 = performance.now();
        let n = 0;
        const frame = () => {
          n++;
          if (${change}) text.data = String(n % 10);
          if (performance.now() - t0 < ${FLOOR_MS}) requestAnimationFrame(frame);
          else done(n);
        };
        requestAnimationFrame(frame);
      })`)) as number;
      return ((await mainThreadMs(p.cdp)).task - m0.task) / frames;
    };
    const idle = await perFrame(false);
    const changed = await perFrame(true);
    // The B6 stream, read and decoded by the page and nothing else, frames running.
    const m0 = await mainThreadMs(p.cdp);
    await p.page.evaluate(`(async () => {
      let running = true;
      const frame = () => running && requestAnimationFrame(frame);
      requestAnimationFrame(frame);
      const response = await fetch('/stream/b6', { method: 'POST', body: '{"query":"q"}' });
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      for (let r = await reader.read(); !r.done; r = await reader.read()) decoder.decode(r.value, { stream: true });
      running = false;
    })()`);
    return { changed, idle, read: (await mainThreadMs(p.cdp)).task - m0.task };
  } finally {
    await p.close();
  }
}

export async function runB6(ctx: BrowserCtx, opts: { naiveDeadlineMs: number }): Promise<Outcome> {
  ctx.log('B6 200 KB at 100 chunks/s (40 s), main-thread time');
  const plain = await measuredAsk(ctx, 'ask-stream', spec('b6', { deadlineMs: 120_000 }));
  const naive = await measuredAsk(ctx, 'naive', spec('b6', { deadlineMs: Math.max(opts.naiveDeadlineMs, 45_000) }));
  const traced = await measuredAsk(ctx, 'ask-stream', spec('b6', { deadlineMs: 120_000 }), { trace: true });
  const floor = await frameFloor(ctx);
  const frames = plain.run.probe.frames;

  const r = traced.run;
  const edges = Array.from({ length: 11 }, (_, i) => r.t0 + ((r.tDone - r.t0) * i) / 10);
  const tenths = busyByInterval(traced.tasks ?? [], edges).cpu;
  const growth = tenths[9]! / tenths[0]!;
  const task = plain.mainThread.task;
  const naiveNote = naive.run.timedOut ? ` (stopped at ${Math.round((100 * naive.run.chunks) / 4000)}%)` : '';
  const gaps = [plain.run.probe.longestFrameMs, traced.run.probe.longestFrameMs];
  return {
    id: 'B6',
    title: 'paced stream',
    rows: [
      {
        metric: 'main-thread time (TaskDuration), 200 KB at 100 chunks/s',
        askStream: ms(task, 0),
        naive: `${naive.run.timedOut ? '≥ ' : ''}${ms(naive.mainThread.task, 0)}${naiveNote}`,
        ratio: `${naive.run.timedOut ? '≥ ' : ''}${ratio(naive.mainThread.task, task)}`,
        target: '≤ 2 s',
        verdict: verdict(task <= 2_000),
      },
      {
        metric: 'longest gap between frames (both runs)',
        askStream: ms(Math.max(...gaps), 0),
        naive: ms(naive.run.probe.longestFrameMs, 0),
        target: '≤ 50 ms',
        verdict: verdict(Math.max(...gaps) <= 50),
      },
      {
        metric: 'CPU per chunk, last tenth ÷ first tenth',
        askStream: `${fmt(growth, 2)} (${ms(tenths[0]!, 0)} → ${ms(tenths[9]!, 0)})`,
        naive: '',
        target: '≤ 1.5',
        verdict: verdict(growth <= 1.5),
      },
    ],
    notes: [
      `ask-stream, main thread by kind: script ${ms(plain.mainThread.script, 0)}, layout ${ms(plain.mainThread.layout, 0)}, style ${ms(plain.mainThread.style, 0)}; ${plain.run.probe.renders.total} renders in ${plain.run.probe.frames} frames; stream ${fmt((plain.run.tDone - plain.run.t0) / 1000, 1)} s`,
      `ask-stream, traced run, CPU ms per tenth: ${tenths.map((c) => fmt(c, 0)).join(', ')}`,
      `floor of this machine: a frame that only changes one character of text costs ${fmt(floor.changed, 2)} ms of main thread (one that changes nothing ${fmt(floor.idle, 2)} ms), so the stream's ${frames} frames cost ≥ ${ms(floor.changed * frames, 0)} rendered each, before any parsing; ask-stream ${fmt(task / frames, 2)} ms a frame`,
      `floor of this machine: a page that only reads this stream (fetch, a reader, a TextDecoder; frames running, nothing rendered) spends ${ms(floor.read, 0)} of main thread over it`,
    ],
    raw: { plain: plain.mainThread, naive: naive.mainThread, tenths, gaps, floor },
  };
}
