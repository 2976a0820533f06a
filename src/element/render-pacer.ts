import { nextFrame } from './next-frame.js';

/** A frame and a half: a render that takes longer than this is an expensive one. */
const EXPENSIVE_MS = 25;

/**
 * Decides when the next render of a streaming answer may run: at the next
 * animation frame, as a rule (so the text keeps up with the stream), but
 * after an expensive render (a huge open block, a slow device) only once the
 * main thread has been free for twice as long as that render took, so that
 * rendering never takes more than about a third of it and the page stays
 * responsive. A render's cost is measured from its start to the next frame,
 * which includes the style, layout and paint it caused.
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

  /** Call when a render starts. */
  started(): void {
    const start = performance.now();
    void nextFrame().then(() => {
      const now = performance.now();
      const cost = now - start;
      this.#readyAt = cost > EXPENSIVE_MS ? now + 2 * cost : 0;
    });
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
