import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Exchange, ExchangeSnapshot, PendingAsk } from '../controller/types.js';

/** Where the transcript is kept: `sessionStorage` (this tab) or `localStorage` (every tab, across restarts). */
export type PersistMode = 'session' | 'local';

/**
 * The most characters of saved JSON. Storage is shared with the host page (about
 * 5 MB per origin), so the widget keeps to a tenth of it: the oldest exchanges
 * are dropped first, and a latest exchange that alone does not fit is not saved.
 */
export const PERSIST_MAX_CHARS = 500_000;

/** While an answer streams, at most one save per this many ms (each save serializes the whole transcript). */
const SAVE_INTERVAL_MS = 250;

interface Saved {
  v: 1;
  exchanges: ExchangeSnapshot[];
  pending?: PendingAsk;
}

/** What the persistence needs from the ask controller. */
export interface PersistedAsks {
  readonly exchanges: readonly Exchange[];
  readonly pending: PendingAsk | null;
  restore(exchanges: readonly ExchangeSnapshot[], pending?: PendingAsk): Promise<void>;
}

/** Where to keep the transcript, read afresh at each update. */
export interface PersistOptions {
  mode: PersistMode | null;
  key: string;
}

/**
 * Keeps a host's transcript in Web Storage and brings it back on the next page
 * load, where an answer that was still streaming resumes (through the ask
 * controller's `restore`). Saves after updates, throttled while an answer
 * streams, and once more when the page is hidden or unloaded. Storage that is
 * missing, full or forbidden (private modes, sandboxed frames) only turns
 * persistence off; it never breaks the widget.
 */
export class TranscriptPersistence implements ReactiveController {
  readonly #asks: PersistedAsks;
  readonly #options: () => PersistOptions;
  #restoredKey: string | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastSave = 0;
  readonly #onPageHide = () => this.#save();

  constructor(host: ReactiveControllerHost, asks: PersistedAsks, options: () => PersistOptions) {
    this.#asks = asks;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    globalThis.addEventListener?.('pagehide', this.#onPageHide);
  }

  hostDisconnected(): void {
    this.#save();
    globalThis.removeEventListener?.('pagehide', this.#onPageHide);
  }

  hostUpdate(): void {
    const { mode, key } = this.#options();
    // Restored once per key, before the first render that has one, and only
    // into an empty transcript: never over asks made on this page.
    if (!mode || this.#restoredKey === key) return;
    this.#restoredKey = key;
    if (this.#asks.exchanges.length > 0) return;
    const saved = read(storage(mode), key);
    if (saved && saved.exchanges.length > 0) void this.#asks.restore(saved.exchanges, saved.pending);
  }

  hostUpdated(): void {
    if (!this.#options().mode) return;
    if (!this.#asks.pending) return this.#save();
    // Streaming: throttled, with a trailing save so the last chunk is kept too.
    const wait = this.#lastSave + SAVE_INTERVAL_MS - Date.now();
    if (wait <= 0) return this.#save();
    this.#timer ??= setTimeout(() => this.#save(), wait);
  }

  /** Removes the stored copy. */
  clear(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const { mode, key } = this.#options();
    if (!mode) return;
    try {
      storage(mode)?.removeItem(key);
    } catch {
      /* storage forbidden: nothing stored either */
    }
  }

  #save(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#lastSave = Date.now();
    const { mode, key } = this.#options();
    if (!mode) return;
    const store = storage(mode);
    if (!store) return;
    const exchanges = this.#asks.exchanges.map(({ id: _id, ...rest }) => rest);
    const pending = this.#asks.pending ?? undefined;
    try {
      for (let from = 0; from < exchanges.length; from++) {
        const saved: Saved = { v: 1, exchanges: exchanges.slice(from), pending };
        const text = JSON.stringify(saved);
        if (text.length > PERSIST_MAX_CHARS) continue;
        try {
          store.setItem(key, text);
          return;
        } catch {
          // Quota exceeded: try again with fewer exchanges.
        }
      }
      store.removeItem(key);
    } catch {
      /* storage forbidden */
    }
  }
}

function storage(mode: PersistMode): Storage | undefined {
  try {
    return mode === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
  } catch {
    // Reading the property itself throws where storage is forbidden.
    return undefined;
  }
}

function read(store: Storage | undefined, key: string): Saved | undefined {
  try {
    const text = store?.getItem(key);
    if (!text) return undefined;
    const value = JSON.parse(text) as Partial<Saved>;
    if (value?.v !== 1 || !Array.isArray(value.exchanges)) return undefined;
    const exchanges = value.exchanges.filter(isExchange);
    return { v: 1, exchanges, pending: isPending(value.pending) ? value.pending : undefined };
  } catch {
    // Someone else's data, or a broken copy: start afresh.
    return undefined;
  }
}

const STATUSES = new Set(['streaming', 'complete', 'error', 'cancelled']);

function isExchange(e: unknown): e is ExchangeSnapshot {
  const x = e as ExchangeSnapshot | null;
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof x.query === 'string' &&
    typeof x.response === 'string' &&
    STATUSES.has(x.status) &&
    (x.metadata === null || typeof x.metadata === 'object') &&
    (x.error === null || (typeof x.error === 'object' && typeof x.error?.message === 'string'))
  );
}

function isPending(p: unknown): p is PendingAsk {
  const x = p as PendingAsk | null | undefined;
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof x.idempotencyKey === 'string' &&
    (x.lastEventId === undefined || typeof x.lastEventId === 'string')
  );
}

/** The default storage key of a widget: derived from its endpoint, so two widgets on two endpoints keep apart. */
export function persistKeyFor(endpoint: string): string {
  let url = endpoint;
  try {
    url = new URL(endpoint, globalThis.location?.href).href;
  } catch {
    /* keep it as written */
  }
  return `ask-stream:${url}`;
}
