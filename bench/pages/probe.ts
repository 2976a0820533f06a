/**
 * In-page instrumentation shared by both implementations' pages, so the
 * element and the naive baseline are observed by exactly the same code.
 *
 * Frames. A requestAnimationFrame loop counts frames and records their
 * timestamps. From inside each frame's callback it also posts a task
 * (`scheduler.postTask`, 'user-blocking'); that task runs only after the
 * frame's rendering step (style, layout, paint recording, commit) is over, so
 * its time is "this frame is rendered", and until it runs we are "in" the frame.
 *
 * Which frame shows a DOM change. A change made while in frame k (e.g. from a
 * rAF callback, whichever runs first) is rendered by frame k; a change made
 * outside a frame (a network task, a timer) is rendered by the next one, k + 1.
 *
 * Renders. One MutationObserver callback = one batch of DOM changes made
 * without yielding (a Lit update commits in one batch). Counted per frame as
 * above. Implementations can also report their own renders (`noteRender`).
 *
 * Markers (B3). Chunk i carries the word `Q{i}Q`; after each batch of DOM
 * changes the probe reads the answer's last text nodes backwards for the
 * highest marker present (a cost independent of the answer's length), and
 * every chunk up to it is "in the DOM" from then on.
 */

type PostTask = (cb: () => void, options: { priority: 'user-blocking' }) => Promise<void>;

export interface ProbeOptions {
  /** The subtree whose changes are the implementation's renders. */
  observe: Node;
  /** Where the answer's text is (for markers); may appear late. */
  answer: () => Node | null;
  markers: boolean;
  /** Expected chunk count, to size the logs. */
  chunks: number;
}

export interface ProbeResult {
  frames: number;
  /** Longest gap between consecutive frames while measuring, ms. */
  longestFrameMs: number;
  frameDeltasMs: number[];
  domBatches: PerFrame;
  /** When each batch of DOM changes happened (page clock, ms). */
  domBatchTimes: number[];
  renders: PerFrame;
  longTasks: { count: number; maxMs: number; totalMs: number };
  /** Per chunk: chunk parsed (event) → its frame rendered, ms. Only with markers. */
  latencyMs: number[];
  latencyMissing: number;
}

export interface PerFrame {
  total: number;
  maxPerFrame: number;
  framesWithMoreThanOne: number;
  /** Frames in which at least one happened. */
  framesWithAny: number;
}

const MARKER = /Q(\d+)Q/g;
// How far back from the end of the answer to look for the newest marker.
const MARKER_LOOKBACK_NODES = 64;

export class Probe {
  #opts: ProbeOptions;
  #running = false;
  #frame = 0;
  #inFrame = false;
  #frameTimes: number[] = [];
  #renderedAt: number[] = [];
  #batches = new Map<number, number>();
  #renders = new Map<number, number>();
  #longTasks: PerformanceEntry[] = [];
  #batchTimes: number[] = [];
  #observers: { disconnect(): void }[] = [];
  // Markers: when chunk i was parsed, and in which frame it reached the DOM.
  #readAt: Float64Array;
  #shownInFrame: Int32Array;
  #chunksRead = 0;
  #highestShown = -1;
  #postTask: PostTask | undefined;

  constructor(opts: ProbeOptions) {
    this.#opts = opts;
    this.#readAt = new Float64Array(opts.markers ? opts.chunks : 0);
    this.#shownInFrame = new Int32Array(opts.markers ? opts.chunks : 0).fill(-1);
    const scheduler = (globalThis as { scheduler?: { postTask?: PostTask } }).scheduler;
    this.#postTask = scheduler?.postTask?.bind(scheduler);
  }

  start(): void {
    this.#running = true;
    const mo = new MutationObserver(() => this.#onMutations());
    mo.observe(this.#opts.observe, { subtree: true, childList: true, characterData: true, attributes: true });
    this.#observers.push(mo);
    this.#observe('longtask', this.#longTasks);
    requestAnimationFrame(this.#onFrame);
  }

  #observe(type: string, into: PerformanceEntry[]): void {
    if (!PerformanceObserver.supportedEntryTypes.includes(type)) return;
    const po = new PerformanceObserver((list) => into.push(...list.getEntries()));
    po.observe({ type, buffered: false });
    this.#observers.push(po);
  }

  #onFrame = (t: number): void => {
    if (!this.#running) return;
    this.#frame++;
    this.#frameTimes.push(t);
    this.#inFrame = true;
    const k = this.#frame;
    const after = () => {
      this.#renderedAt[k] = performance.now();
      if (this.#frame === k) this.#inFrame = false;
    };
    if (this.#postTask) void this.#postTask(after, { priority: 'user-blocking' });
    else setTimeout(after, 0);
    requestAnimationFrame(this.#onFrame);
  };

  /** The frame that will show a DOM change made now. */
  #renderingFrame(): number {
    return this.#inFrame ? this.#frame : this.#frame + 1;
  }

  /** An implementation's own render (the naive baseline's innerHTML, the element's Lit update). */
  noteRender(): void {
    if (!this.#running) return;
    const f = this.#renderingFrame();
    this.#renders.set(f, (this.#renders.get(f) ?? 0) + 1);
  }

  /** A chunk was parsed and handed to the page (call it in order). */
  noteChunk(): void {
    if (!this.#opts.markers) return;
    const i = this.#chunksRead++;
    if (i < this.#readAt.length) this.#readAt[i] = performance.now();
  }

  #onMutations(): void {
    if (!this.#running) return;
    const f = this.#renderingFrame();
    this.#batches.set(f, (this.#batches.get(f) ?? 0) + 1);
    this.#batchTimes.push(performance.now());
    if (!this.#opts.markers) return;
    const highest = this.#newestMarker();
    for (let i = this.#highestShown + 1; i <= highest && i < this.#shownInFrame.length; i++) this.#shownInFrame[i] = f;
    if (highest > this.#highestShown) this.#highestShown = highest;
  }

  #newestMarker(): number {
    const root = this.#opts.answer();
    if (!root) return -1;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let node = walker.lastChild();
    // Joined, so a marker split over text nodes still reads whole.
    let text = '';
    for (let n = 0; node && n < MARKER_LOOKBACK_NODES; n++) {
      text = (node.nodeValue ?? '') + text;
      // Any match is a whole marker: it starts with a Q, so none of its digits
      // can be in a text node further back. Markers only grow along the text,
      // so the last one in document order is the newest.
      const found = lastMarker(text);
      if (found >= 0) return found;
      node = walker.previousNode();
    }
    return -1;
  }

  stop(): ProbeResult {
    this.#running = false;
    for (const o of this.#observers) o.disconnect();
    const deltas: number[] = [];
    for (let i = 1; i < this.#frameTimes.length; i++) deltas.push(this.#frameTimes[i]! - this.#frameTimes[i - 1]!);
    const latency: number[] = [];
    let missing = 0;
    for (let i = 0; i < Math.min(this.#chunksRead, this.#readAt.length); i++) {
      const f = this.#shownInFrame[i]!;
      const shown = f >= 0 ? this.#renderedAt[f] : undefined;
      if (shown === undefined) missing++;
      else latency.push(shown - this.#readAt[i]!);
    }
    const lt = this.#longTasks.map((e) => e.duration);
    return {
      frames: this.#frameTimes.length,
      longestFrameMs: deltas.length ? Math.max(...deltas) : 0,
      frameDeltasMs: deltas,
      domBatches: perFrame(this.#batches),
      domBatchTimes: this.#batchTimes,
      renders: perFrame(this.#renders),
      longTasks: { count: lt.length, maxMs: lt.length ? Math.max(...lt) : 0, totalMs: lt.reduce((a, b) => a + b, 0) },
      latencyMs: latency,
      latencyMissing: missing,
    };
  }
}

function lastMarker(text: string): number {
  let max = -1;
  for (const m of text.matchAll(MARKER)) max = Math.max(max, Number(m[1]));
  return max;
}

function perFrame(counts: Map<number, number>): PerFrame {
  let total = 0;
  let max = 0;
  let over = 0;
  for (const c of counts.values()) {
    total += c;
    max = Math.max(max, c);
    if (c > 1) over++;
  }
  return { total, maxPerFrame: max, framesWithMoreThanOne: over, framesWithAny: counts.size };
}

/** Resolves after `n` frames have been rendered (rAF, then the task after the frame). */
export async function afterFrames(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await new Promise<void>((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
  }
}
