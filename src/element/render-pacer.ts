import { nextFrame } from './next-frame.js';

/** A frame and a half of work: a render that takes longer than this is an expensive one. */
const EXPENSIVE_MS = 25;

/**
 * Decides when the next render of a streaming answer may run: at the next
 * animation frame, as a rule (so the text keeps up with the stream), but
 * after an expensive render (a huge open block, a slow device) only once the
 * main thread has been free for twice as long as that render took, so that
 * rendering never takes more than about a third of it and the page stays
 * responsive. A render's cost is its own work: from its start to the end of
 * the update (its controllers' work included, so the layout the scroll
 * follower forces), not the wait for the next frame, which would make every
 * render of a busy frame look expensive and pause the stream for nothing.
 */
export class RenderPacer {
  #readyAt = 0;
  #endWait: (() => void) | undefined;

  /** Resolves when the next render may start. */
  async next(): Promise<void> {
    await nextFrame();
    const wait = this.#readyAt - performance.now();
    if (wait > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => this.#endWait?.(), wait);
        this.#endWait = () => {
          clearTimeout(timer);
          this.#endWait = undefined;
          resolve();
        };
      });
      await nextFrame();
    }
  }

  #start = 0;

  /** Call when a render starts. */
  started(): void {
    this.#start = performance.now();
  }

  /** Call when that render's update is done. */
  finished(): void {
    if (!this.#start) return;
    const now = performance.now();
    const cost = now - this.#start;
    this.#start = 0;
    this.#readyAt = cost > EXPENSIVE_MS ? now + 2 * cost : 0;
  }

  /**
   * The answer ended: its last render waits for no pacing (the reader should
   * see the whole answer at the next frame, not a render's cost later), and
   * the next answer starts unpaced.
   */
  flush(): void {
    this.#readyAt = 0;
    this.#endWait?.();
  }
}
