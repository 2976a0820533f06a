/**
 * One measured ask in a fresh page: load the implementation's page, warm it up
 * with a small ask (JIT, fonts, styles, the connection) and empty it again,
 * then run the measured ask with the requested instruments around it.
 */
import type { Browser } from 'playwright';
import { heapAfterGc, mainThreadMs, openPage, PAGE_OF, runInPage, type HeapUsage, type Impl } from '../lib/browser.js';
import { Trace, type Task } from '../lib/trace.js';
import type { RunResult, RunSpec } from '../pages/harness.js';
import { WORKLOADS } from '../server/workloads.js';

export interface BrowserCtx {
  browser: Browser;
  base: string;
  log(line: string): void;
}

export interface Measured {
  run: RunResult;
  /** Main-thread time during the measured ask, from CDP Performance.getMetrics, ms. */
  mainThread: { task: number; script: number; layout: number; style: number };
  tasks?: Task[];
  heap?: { before: HeapUsage; after: HeapUsage };
  /** Whether importing the bundle registered <ask-stream> by itself. */
  registeredOnImport?: boolean;
}

export interface Instruments {
  trace?: boolean;
  heap?: boolean;
}

let registersOnImport: boolean | undefined;

/** Whether importing the bundle registered <ask-stream> by itself (undefined: no element page loaded yet). */
export function bundleRegistersOnImport(): boolean | undefined {
  return registersOnImport;
}

export function spec(workload: string, overrides: Partial<RunSpec> = {}): RunSpec {
  const w = WORKLOADS[workload];
  if (!w) throw new Error(`unknown workload ${workload}`);
  return {
    workload,
    chunks: w.chunks,
    markers: w.markers === true,
    log: false,
    deadlineMs: 60_000,
    settleFrames: 3,
    ...overrides,
  };
}

export async function measuredAsk(
  ctx: BrowserCtx,
  impl: Impl,
  run: RunSpec,
  instruments: Instruments = {},
): Promise<Measured> {
  const p = await openPage(ctx.browser, ctx.base, PAGE_OF[impl]);
  try {
    await runInPage(p.page, spec('warmup'));
    await p.page.evaluate('window.__bench.reset()');
    await p.page.evaluate('new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 50)))');
    await p.cdp.send('Performance.enable');
    const before = instruments.heap ? await heapAfterGc(p.cdp) : undefined;
    const trace = instruments.trace ? new Trace(p.cdp) : undefined;
    await trace?.start();
    const m0 = await mainThreadMs(p.cdp);
    const result = await runInPage(p.page, run);
    const m1 = await mainThreadMs(p.cdp);
    const tasks = trace ? await trace.stop(result.sync.name) : undefined;
    const after = instruments.heap ? await heapAfterGc(p.cdp) : undefined;
    const registered = (await p.page.evaluate('window.__registeredOnImport')) as boolean | undefined;
    const out: Measured = {
      run: result,
      mainThread: {
        task: m1.task - m0.task,
        script: m1.script - m0.script,
        layout: m1.layout - m0.layout,
        style: m1.style - m0.style,
      },
    };
    if (tasks) out.tasks = tasks;
    if (before && after) out.heap = { before, after };
    if (registered !== undefined) {
      out.registeredOnImport = registered;
      if (!registered && registersOnImport === undefined) {
        ctx.log(
          '  ⚠ importing dist/ask-stream.js did not register <ask-stream>; the page called defineAskStream() itself',
        );
      }
      registersOnImport = (registersOnImport ?? true) && registered;
    }
    ctx.log(
      `  ${impl.padEnd(10)} ${run.workload}: ${result.status}${result.timedOut ? ' (deadline)' : ''}, ${result.chunks} chunks, ` +
        `${Math.round(result.tDone - result.t0)} ms, main thread ${Math.round(out.mainThread.task)} ms`,
    );
    return out;
  } finally {
    await p.close();
  }
}

/**
 * The order of one benchmark's runs: `repeats` of ask-stream with one baseline
 * run in the middle, so drift on a shared machine hits both implementations.
 */
export function interleaved(repeats: number): Impl[] {
  const order: Impl[] = Array.from({ length: repeats }, () => 'ask-stream' as const);
  order.splice(Math.ceil(repeats / 2), 0, 'naive');
  return order;
}
