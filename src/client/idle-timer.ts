/**
 * Fires once after `ms` of silence; every `touch()` starts the wait again.
 * A non-positive or non-finite `ms` disables it, so `timeout=0` means "no limit".
 */
export class IdleTimer {
  #id: ReturnType<typeof setTimeout> | undefined;
  #fired = false;

  readonly #ms: number;
  readonly #onIdle: () => void;

  constructor(ms: number, onIdle: () => void) {
    this.#ms = ms;
    this.#onIdle = onIdle;
  }

  get fired(): boolean {
    return this.#fired;
  }

  touch(): void {
    this.stop();
    if (!(this.#ms > 0) || !Number.isFinite(this.#ms)) return;
    this.#id = setTimeout(() => {
      this.#fired = true;
      this.#onIdle();
    }, this.#ms);
  }

  stop(): void {
    if (this.#id !== undefined) clearTimeout(this.#id);
    this.#id = undefined;
  }
}
