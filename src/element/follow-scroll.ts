import type { ReactiveController, ReactiveControllerHost } from 'lit';

// Within this distance of the bottom, the reader counts as "at the bottom".
const SLACK_PX = 32;

/**
 * Keeps a scroll container pinned to its bottom while content streams in, until
 * the reader scrolls up; scrolling back to the bottom resumes following.
 *
 * Scroll events arrive a frame late, by which time more text may have grown the
 * content: judging them by the distance to the bottom alone would read our own
 * pinning as the reader leaving. So only a move *up* from where we pinned counts
 * as the reader's. Content also changes size after a render (lazily laid out
 * blocks, fonts), so a ResizeObserver re-pins after layout, before paint.
 */
export class FollowScrollController implements ReactiveController {
  #following = true;
  #pinnedTop = 0;
  #scroller: HTMLElement | null = null;
  #resize: ResizeObserver | undefined;

  readonly #find: () => { scroller: HTMLElement | null; content: HTMLElement | null };

  constructor(host: ReactiveControllerHost, find: () => { scroller: HTMLElement | null; content: HTMLElement | null }) {
    this.#find = find;
    host.addController(this);
  }

  /** Follow again from now on (a new question was asked). */
  resume(): void {
    this.#following = true;
  }

  hostUpdated(): void {
    const { scroller, content } = this.#find();
    if (scroller !== this.#scroller) {
      this.#scroller?.removeEventListener('scroll', this.#onScroll);
      scroller?.addEventListener('scroll', this.#onScroll, { passive: true });
      this.#scroller = scroller;
      this.#resize?.disconnect();
      this.#resize = new ResizeObserver(() => this.#pin());
      if (content) this.#resize.observe(content);
    }
    this.#pin();
  }

  hostDisconnected(): void {
    this.#scroller?.removeEventListener('scroll', this.#onScroll);
    this.#resize?.disconnect();
    this.#scroller = null;
  }

  #pin(): void {
    const s = this.#scroller;
    if (!s || !this.#following) return;
    s.scrollTop = s.scrollHeight;
    this.#pinnedTop = s.scrollTop;
  }

  #onScroll = (): void => {
    const s = this.#scroller!;
    if (s.scrollHeight - s.scrollTop - s.clientHeight <= SLACK_PX) {
      this.#following = true;
      this.#pinnedTop = s.scrollTop;
    } else if (s.scrollTop < this.#pinnedTop - 1) {
      this.#following = false;
    }
  };
}
