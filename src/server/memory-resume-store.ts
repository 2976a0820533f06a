import type { Claim, ResumeStore, StoredFrame } from './resume-store.js';

/** Options of {@link memoryResumeStore}. */
export interface MemoryResumeStoreOptions {
  /** How long an answer stays after it ends, in ms. Default 300000 (5 min). */
  ttlMs?: number;
  /** Most bytes (of frame JSON) kept per ask; beyond, its oldest frames are dropped. Default 1 MiB. */
  maxBytesPerAsk?: number;
  /** Most bytes kept in all; beyond, the oldest asks are dropped, ended ones first. Default 64 MiB. */
  maxBytes?: number;
  /** Most asks kept; beyond, the oldest are dropped, ended ones first. Default 10000. */
  maxAsks?: number;
  /** The clock, in ms (tests). Default `Date.now`. */
  now?: () => number;
}

interface Entry {
  readonly key: string;
  readonly query: string;
  frames: Array<StoredFrame & { bytes: number }>;
  bytes: number;
  /** The id of the first frame kept; frames before it were dropped. */
  firstId: number;
  ended: boolean;
  expiresAt: number;
  dropped: boolean;
  /** Readers waiting for the next frame. */
  wake: Set<() => void>;
}

/** A memory store with its size for monitoring and tests. */
export interface MemoryResumeStore extends ResumeStore {
  /** Asks held (expired ones are let go first). */
  readonly size: number;
  /** Bytes of frames held. */
  readonly bytes: number;
}

/**
 * A {@link ResumeStore} in this process's memory: the one to use on a single
 * server instance. Bounded per ask and in total; an answer is kept `ttlMs`
 * after it ends. It starts no timer: expired entries are let go whenever the
 * store is used, so nothing is left running when it is not.
 */
export function memoryResumeStore(options: MemoryResumeStoreOptions = {}): MemoryResumeStore {
  const ttlMs = options.ttlMs ?? 300_000;
  const maxBytesPerAsk = options.maxBytesPerAsk ?? 1024 * 1024;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const maxAsks = options.maxAsks ?? 10_000;
  const now = options.now ?? Date.now;

  // Insertion order is claim order; `ended` holds ended entries in end order,
  // which with one time to live is also expiry order.
  const entries = new Map<string, Entry>();
  const ended = new Set<Entry>();
  let totalBytes = 0;

  const drop = (entry: Entry) => {
    if (entry.dropped) return;
    entry.dropped = true;
    entries.delete(entry.key);
    ended.delete(entry);
    totalBytes -= entry.bytes;
    entry.frames = [];
    wakeAll(entry);
  };

  const sweep = () => {
    const t = now();
    for (const entry of ended) {
      if (entry.expiresAt > t) break;
      drop(entry);
    }
  };

  // The oldest ended ask goes first; a running one only when none has ended.
  const dropOldest = () => {
    const victim = ended.values().next().value ?? entries.values().next().value;
    if (victim) drop(victim);
  };

  const live = (key: string) => {
    sweep();
    return entries.get(key);
  };

  return {
    get size() {
      sweep();
      return entries.size;
    },
    get bytes() {
      sweep();
      return totalBytes;
    },

    async claim(key, query): Promise<Claim> {
      const known = live(key);
      if (known) return { created: false, query: known.query };
      while (entries.size >= maxAsks) dropOldest();
      entries.set(key, {
        key,
        query,
        frames: [],
        bytes: 0,
        firstId: 1,
        ended: false,
        expiresAt: Infinity,
        dropped: false,
        wake: new Set(),
      });
      return { created: true };
    },

    async lookup(key) {
      const entry = live(key);
      return entry && { query: entry.query };
    },

    async append(key, stored) {
      const entry = live(key);
      if (!entry || entry.ended) return;
      const bytes = JSON.stringify(stored.frame).length;
      entry.frames.push({ ...stored, bytes });
      entry.bytes += bytes;
      totalBytes += bytes;
      while (entry.bytes > maxBytesPerAsk && entry.frames.length > 1) {
        const oldest = entry.frames.shift()!;
        entry.bytes -= oldest.bytes;
        totalBytes -= oldest.bytes;
        entry.firstId = entry.frames[0]!.id;
      }
      while (totalBytes > maxBytes && entries.size > 0) dropOldest();
      wakeAll(entry);
    },

    async end(key) {
      const entry = live(key);
      if (!entry || entry.ended) return;
      entry.ended = true;
      entry.expiresAt = now() + ttlMs;
      ended.add(entry);
      wakeAll(entry);
    },

    async *read(key, afterId, signal) {
      const entry = live(key);
      let next = afterId + 1;
      if (!entry || next < entry.firstId) {
        yield undefined;
        return;
      }
      while (!signal.aborted) {
        if (entry.dropped || next < entry.firstId) {
          yield undefined;
          return;
        }
        const at = next - entry.firstId;
        if (at < entry.frames.length) {
          const { id, frame } = entry.frames[at]!;
          next = id + 1;
          yield { id, frame };
          continue;
        }
        if (entry.ended) return;
        await nextChange(entry, signal);
      }
    },
  };
}

function wakeAll(entry: Entry): void {
  const waiting = [...entry.wake];
  entry.wake.clear();
  for (const wake of waiting) wake();
}

/** Resolves on the entry's next change, or when `signal` aborts; leaves no listener behind. */
function nextChange(entry: Entry, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      entry.wake.delete(done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    entry.wake.add(done);
    signal.addEventListener('abort', done, { once: true });
  });
}
