import type { Exchange } from '../controller/types.js';
import type { FeedbackDetail } from './events.js';

/** Where the rating of one answer stands. */
export interface FeedbackState {
  rating: 'up' | 'down' | null;
  /** The reader sent a reason for a thumbs-down. */
  reasonSent: boolean;
}

const NONE: FeedbackState = Object.freeze({ rating: null, reasonSent: false });

/**
 * The readers' ratings of the answers in the transcript, by exchange, and
 * what a rating reports: the element dispatches the event and posts it.
 */
export class FeedbackRatings {
  #states = new Map<number, FeedbackState>();
  readonly #changed: () => void;
  readonly #report: (detail: FeedbackDetail) => void;

  /** `changed` runs when a state changes (the element renders again); `report` for each rating to report. */
  constructor(changed: () => void, report: (detail: FeedbackDetail) => void) {
    this.#changed = changed;
    this.#report = report;
  }

  /** The state of an answer's rating (a new object whenever it changes, for render guards). */
  of(exchange: Exchange): FeedbackState {
    return this.#states.get(exchange.id) ?? NONE;
  }

  /** Rates an answer; rating it the same again changes nothing. */
  rate(exchange: Exchange, rating: 'up' | 'down'): void {
    if (this.of(exchange).rating === rating) return;
    this.#set(exchange, { rating, reasonSent: false });
    this.#report(this.#detail(exchange, rating));
  }

  /** Sends the reason for a thumbs-down (a blank one sends nothing). */
  explain(exchange: Exchange, reason: string): void {
    const state = this.of(exchange);
    if (state.rating !== 'down' || !reason.trim()) return;
    this.#set(exchange, { ...state, reasonSent: true });
    this.#report({ ...this.#detail(exchange, 'down'), reason: reason.trim() });
  }

  clear(): void {
    this.#states.clear();
  }

  #set(exchange: Exchange, state: FeedbackState): void {
    this.#states.set(exchange.id, state);
    this.#changed();
  }

  #detail({ query, response, metadata }: Exchange, rating: 'up' | 'down'): FeedbackDetail {
    return { query, response, metadata, rating };
  }
}
