import type { Frame } from '../protocol.js';

/** A frame as a resume store keeps it: with its SSE id, a sequence number within the ask (from 1). */
export interface StoredFrame {
  id: number;
  frame: Frame;
}

/** The outcome of {@link ResumeStore.claim}. */
export type Claim =
  /** The key was new: the caller produces the answer and appends it. */
  | { created: true }
  /** The key is known (an answer is running or ended): its question, to check a duplicate against. */
  | { created: false; query: string };

/**
 * Where the handler keeps each answer's frames while it is produced and for a
 * while after, so that a retry or a resume of the same ask (the same
 * `Idempotency-Key`) is answered from them instead of calling the backend again.
 *
 * One producer appends; any number of readers, on any server instance sharing
 * the store, replay what is there and follow what comes. Every method may be
 * called concurrently for different keys. A store bounds what it keeps; it may
 * drop an ask or its oldest frames, after which {@link read} says so.
 */
export interface ResumeStore {
  /**
   * Registers `key` for a new answer to `query` unless it is known already,
   * atomically across everyone sharing the store: exactly one caller gets
   * `created: true` for a key.
   */
  claim(key: string, query: string): Promise<Claim>;
  /** The question recorded for `key`, or undefined when the store does not have it (never had it, or dropped it). */
  lookup(key: string): Promise<{ query: string } | undefined>;
  /** Adds the next frame of the answer to `key` (ids increase by one). */
  append(key: string, frame: StoredFrame): Promise<void>;
  /** The answer to `key` is over: no frame follows; the entry expires after the store's time to live. */
  end(key: string): Promise<void>;
  /**
   * The frames of `key` after id `afterId` (0: all), then each new one as it is
   * appended, until the answer ends or `signal` aborts. Yields `undefined` once
   * and stops when the store cannot serve that (the ask is unknown or those
   * frames were dropped).
   */
  read(key: string, afterId: number, signal: AbortSignal): AsyncIterable<StoredFrame | undefined>;
}
