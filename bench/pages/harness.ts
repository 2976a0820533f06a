/**
 * The page side of a browser benchmark run, the same for both
 * implementations: mount one widget in a fixed-size box, ask, log each chunk
 * as the page is told of it, watch frames and renders through the Probe, and
 * hand the figures back to the driver (`window.__bench`).
 */
import { afterFrames, Probe, type ProbeResult } from './probe.js';

/** What a page needs from an implementation. */
export interface Widget {
  /** The subtree whose DOM changes are this implementation's renders. */
  observe: Node;
  /** The answer's container, once there is one. */
  answer(): Node | null;
  /** Asks; `onChunk(length)` runs for each chunk, in order, when the page learns of it. */
  ask(endpoint: string, onChunk: (length: number) => void): Promise<string>;
  cancel(): void;
  /** Empties the answer area (after the warm-up ask). */
  reset(): void;
  /** Lets the implementation report each of its renders. */
  onRender(callback: () => void): void;
}

export interface Implementation {
  name: string;
  mount(container: HTMLElement): Widget;
}

export interface RunSpec {
  workload: string;
  /** Expected chunks (sizes the logs). */
  chunks: number;
  markers: boolean;
  /** Record the time and answer length at every chunk (B1's position log). */
  log: boolean;
  /** Past this, the ask is cancelled and the run reported as timed out. */
  deadlineMs: number;
  /** Frames to wait after the ask ends, so its last render is included. */
  settleFrames: number;
}

export interface RunResult {
  impl: string;
  status: string;
  timedOut: boolean;
  chunks: number;
  length: number;
  /** performance.now() at the ask, at its end, and after the settle frames. */
  t0: number;
  tDone: number;
  tEnd: number;
  /** A `performance.mark` and its time, to line the page's clock up with a trace. */
  sync: { name: string; time: number };
  chunkTimes: number[];
  chunkLengths: number[];
  probe: ProbeResult;
}

export interface BenchApi {
  impl: string;
  mount(): void;
  reset(): void;
  run(spec: RunSpec): Promise<RunResult>;
}

export function install(impl: Implementation): void {
  let widget: Widget | undefined;
  let runs = 0;
  const mount = () => {
    if (widget) return widget;
    const box = document.getElementById('box')!;
    widget = impl.mount(box);
    return widget;
  };

  const api: BenchApi = {
    impl: impl.name,
    mount: () => void mount(),
    reset: () => mount().reset(),
    async run(spec) {
      const w = mount();
      const probe = new Probe({
        observe: w.observe,
        answer: () => w.answer(),
        markers: spec.markers,
        chunks: spec.chunks,
      });
      w.onRender(() => probe.noteRender());
      // Typed arrays, allocated up front: logging must not allocate per chunk.
      const times = new Float64Array(spec.log ? spec.chunks : 0);
      const lengths = new Float64Array(spec.log ? spec.chunks : 0);
      let n = 0;
      let length = 0;
      let timedOut = false;
      const deadlineAt = performance.now() + spec.deadlineMs;
      const stop = () => {
        if (timedOut) return;
        timedOut = true;
        w.cancel();
      };
      const onChunk = (chunkLength: number) => {
        // Checked here as well as by a timer: an implementation that never
        // yields (the baseline, on a backlog) would never let the timer run.
        if (performance.now() > deadlineAt) stop();
        probe.noteChunk();
        length += chunkLength;
        if (n < times.length) {
          times[n] = performance.now();
          lengths[n] = length;
        }
        n++;
      };
      const syncName = `bench-sync-${++runs}`;
      const sync = performance.mark(syncName);
      probe.start();
      const deadline = setTimeout(stop, spec.deadlineMs);
      const t0 = performance.now();
      const status = await w.ask(`/stream/${spec.workload}`, onChunk);
      const tDone = performance.now();
      clearTimeout(deadline);
      await afterFrames(spec.settleFrames);
      const tEnd = performance.now();
      const probed = probe.stop();
      return {
        impl: impl.name,
        status,
        timedOut,
        chunks: n,
        length,
        t0,
        tDone,
        tEnd,
        sync: { name: syncName, time: sync.startTime },
        chunkTimes: Array.from(times.subarray(0, Math.min(n, times.length))),
        chunkLengths: Array.from(lengths.subarray(0, Math.min(n, lengths.length))),
        probe: probed,
      };
    },
  };
  (window as unknown as { __bench: BenchApi }).__bench = api;
}
