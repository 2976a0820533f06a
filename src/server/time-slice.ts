/**
 * Keeps long loops from holding the event loop: every other stream, timer and
 * health check in the process waits while one loop runs. Call `due()` often
 * (it is cheap) and `await pause()` when it says so.
 */
export class TimeSlice {
  readonly #sliceMs: number;
  #since = performance.now();

  /** `sliceMs`: the longest stretch of work between two turns of the event loop. */
  constructor(sliceMs = 8) {
    this.#sliceMs = sliceMs;
  }

  /** True once the slice is used up. */
  due(): boolean {
    return performance.now() - this.#since >= this.#sliceMs;
  }

  /**
   * One full turn of the event loop (I/O and timers included, which awaiting
   * a resolved promise would not give), then a new slice.
   */
  async pause(): Promise<void> {
    await new Promise<void>((resolve) => {
      // setImmediate where the runtime has it (Node, Bun): it runs right after
      // pending I/O, where setTimeout(0) costs at least a millisecond.
      if (typeof setImmediate === 'function') setImmediate(resolve);
      else setTimeout(resolve, 0);
    });
    this.#since = performance.now();
  }
}
