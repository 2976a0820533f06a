/**
 * Main-thread busy time of a page from a Chrome trace (CDP Tracing), on the page's
 * own clock. Only the `toplevel` and `blink.user_timing` categories are
 * recorded: every task the renderer's main thread runs (script, style,
 * layout, paint, GC, parsing), and our clock-sync mark; that keeps tracing's
 * own overhead low and the same for both implementations.
 */
import type { CDPSession } from 'playwright';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the slice, µs. */
  tdur?: number;
  args?: { data?: { startTime?: number } };
}

export interface Task {
  /** Page clock (performance.now()), ms. */
  start: number;
  end: number;
  /** CPU time the main thread got during it, ms: less than end - start when other processes had the cores. */
  cpu: number;
}

export class Trace {
  #events: TraceEvent[] = [];
  #done: Promise<void> | undefined;

  readonly #cdp: CDPSession;

  constructor(cdp: CDPSession) {
    this.#cdp = cdp;
  }

  async start(): Promise<void> {
    this.#cdp.on('Tracing.dataCollected', (e) => this.#events.push(...(e.value as unknown as TraceEvent[])));
    this.#done = new Promise((ok) => this.#cdp.once('Tracing.tracingComplete', () => ok()));
    await this.#cdp.send('Tracing.start', {
      traceConfig: { includedCategories: ['toplevel', 'blink.user_timing'], recordMode: 'recordAsMuchAsPossible' },
      transferMode: 'ReportEvents',
    });
  }

  /**
   * Stops tracing; returns the top-level tasks of the thread that recorded the
   * mark `syncMark` (the page's main thread), on the page's clock, using the
   * mark's trace time and its `performance.now()` time to line the clocks up.
   */
  async stop(syncMark: string): Promise<Task[]> {
    await this.#cdp.send('Tracing.end');
    await this.#done;
    const mark = this.#events.find((e) => e.name === syncMark && e.cat.includes('blink.user_timing'));
    const markTime = mark?.args?.data?.startTime;
    if (!mark || markTime === undefined) throw new Error(`trace: mark ${syncMark} not found`);
    const offset = mark.ts / 1000 - markTime;
    // A task's microtask checkpoint is traced as a sibling of its RunTask, not
    // inside it, and mojo dispatch has its own scopes: the main thread is busy
    // during the union of all its top-level slices.
    const slices = this.#events
      .filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X' && e.cat.split(',').includes('toplevel'))
      .map((e) => ({
        start: e.ts / 1000 - offset,
        end: (e.ts + (e.dur ?? 0)) / 1000 - offset,
        cpu: (e.tdur ?? e.dur ?? 0) / 1000,
      }))
      .sort((a, b) => a.start - b.start);
    const tasks: Task[] = [];
    for (const s of slices) {
      const last = tasks[tasks.length - 1];
      if (last && s.start <= last.end) {
        // Nested: its CPU time is already in the enclosing slice's.
        if (s.end > last.end) {
          last.end = s.end;
          last.cpu += s.cpu;
        }
      } else {
        tasks.push({ ...s });
      }
    }
    return tasks;
  }
}

/**
 * Busy time in each interval [edges[i], edges[i + 1]): wall-clock ms and CPU ms,
 * in one sweep over tasks and edges, both sorted. A task spanning intervals is
 * split between them in proportion to time.
 */
export function busyByInterval(tasks: readonly Task[], edges: readonly number[]): { wall: number[]; cpu: number[] } {
  const n = Math.max(0, edges.length - 1);
  const wall = new Array<number>(n).fill(0);
  const cpu = new Array<number>(n).fill(0);
  let i = 0;
  for (const t of tasks) {
    while (i < n && edges[i + 1]! <= t.start) i++;
    const share = t.end > t.start ? t.cpu / (t.end - t.start) : 0;
    for (let j = i; j < n && edges[j]! < t.end; j++) {
      const a = Math.max(t.start, edges[j]!);
      const b = Math.min(t.end, edges[j + 1]!);
      if (b > a) {
        wall[j]! += b - a;
        cpu[j]! += (b - a) * share;
      }
    }
  }
  return { wall, cpu };
}

/** The task running at time `t`, if any. `tasks` sorted by start. */
export function taskAt(tasks: readonly Task[], t: number): Task | undefined {
  let lo = 0;
  let hi = tasks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const task = tasks[mid]!;
    if (t < task.start) hi = mid - 1;
    else if (t >= task.end) lo = mid + 1;
    else return task;
  }
  return undefined;
}
