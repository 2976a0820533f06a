import { createClient } from '@redis/client';
import type { Frame } from '../protocol.js';
import type { Claim, ResumeStore, StoredFrame } from './resume-store.js';

/** Options of {@link redisResumeStore}. */
export interface RedisResumeStoreOptions {
  /** The Redis server, e.g. `redis://localhost:6379`. */
  url?: string;
  /** Prefix of every key and channel the store uses. Default `ask-stream:`. */
  prefix?: string;
  /** How long an answer stays after it ends, in ms. Default 300000 (5 min). */
  ttlMs?: number;
  /**
   * How long an answer may stay while running, in ms: what an instance that
   * died mid-answer leaves behind is gone after this. Default 600000 (10 min).
   */
  runningTtlMs?: number;
  /** Most frames kept per ask (older ones are trimmed, approximately). Default 10000. */
  maxFramesPerAsk?: number;
}

/** A Redis store, with the means to let its connections go. */
export interface RedisResumeStore extends ResumeStore {
  /** Closes the store's two connections (commands and notifications). */
  close(): Promise<void>;
}

const newClient = (url: string | undefined) => createClient({ url });
type Client = ReturnType<typeof newClient>;
type RawEntry = [id: string, fields: string[]];

/** How often a reader with nothing new checks that its ask still exists, in ms. */
const RECHECK_MS = 2_000;
const PAGE = 200;

/**
 * A {@link ResumeStore} in Redis, for several server instances behind a load
 * balancer: an answer produced on one instance is replayed and followed through
 * any other. Each ask is a Redis Stream of its frames (entry ids `0-<frame id>`,
 * so `XRANGE` resumes after an SSE id directly) beside a key holding its
 * question, claimed with `SET NX`; a Pub/Sub message per frame wakes readers.
 * Two connections per store, however many readers. Built on `@redis/client`
 * (the official client), an optional peer dependency: install it to use this.
 */
export function redisResumeStore(options: RedisResumeStoreOptions = {}): RedisResumeStore {
  const prefix = options.prefix ?? 'ask-stream:';
  const ttlMs = options.ttlMs ?? 300_000;
  const runningTtlMs = options.runningTtlMs ?? 600_000;
  const maxFrames = options.maxFramesPerAsk ?? 10_000;

  // Hash tags keep an ask's keys in one slot, should the server be a cluster.
  const queryKey = (key: string) => `${prefix}{${key}}:q`;
  const framesKey = (key: string) => `${prefix}{${key}}:f`;
  const channel = (key: string) => `${prefix}{${key}}:n`;

  let connecting: Promise<{ commands: Client; notifications: Client }> | undefined;
  const connect = () =>
    (connecting ??= (async () => {
      const commands = newClient(options.url);
      // Errors reach the callers of each command; without a listener they would crash the process.
      commands.on('error', () => {});
      const notifications: Client = commands.duplicate();
      notifications.on('error', () => {});
      await Promise.all([commands.connect(), notifications.connect()]);
      return { commands, notifications };
    })());
  const send = async <T>(args: string[]): Promise<T> => (await connect()).commands.sendCommand<T>(args);

  // Readers waiting per ask, woken by that ask's channel.
  const waiting = new Map<string, Set<() => void>>();
  const listen = async (key: string, wake: () => void) => {
    let set = waiting.get(key);
    if (!set) {
      set = new Set();
      waiting.set(key, set);
      const wakeAll = () => {
        for (const w of [...(waiting.get(key) ?? [])]) w();
      };
      await (await connect()).notifications.subscribe(channel(key), wakeAll);
    }
    set.add(wake);
  };
  const unlisten = async (key: string, wake: () => void) => {
    const set = waiting.get(key);
    if (!set) return;
    set.delete(wake);
    if (set.size > 0) return;
    waiting.delete(key);
    await (await connect()).notifications.unsubscribe(channel(key)).catch(() => {});
  };

  const firstId = async (key: string): Promise<number | undefined> => {
    const [first] = await send<RawEntry[]>(['XRANGE', framesKey(key), '-', '+', 'COUNT', '1']);
    return first ? frameId(first[0]) : undefined;
  };

  return {
    async claim(key, query): Promise<Claim> {
      const set = await send<string | null>(['SET', queryKey(key), query, 'NX', 'PX', String(runningTtlMs)]);
      if (set === 'OK') return { created: true };
      const known = await send<string | null>(['GET', queryKey(key)]);
      // Gone between the two commands (expired): claim it afresh.
      return known === null ? this.claim(key, query) : { created: false, query: known };
    },

    async lookup(key) {
      const query = await send<string | null>(['GET', queryKey(key)]);
      return query === null ? undefined : { query };
    },

    async append(key, stored) {
      const args = ['XADD', framesKey(key), 'MAXLEN', '~', String(maxFrames), `0-${stored.id}`];
      await send(args.concat('f', JSON.stringify(stored.frame)));
      if (stored.id === 1) await send(['PEXPIRE', framesKey(key), String(runningTtlMs)]);
      await send(['PUBLISH', channel(key), String(stored.id)]);
    },

    async end(key) {
      // `*` makes an id (milliseconds-sequence) after every `0-n`: the end mark comes last.
      await send(['XADD', framesKey(key), '*', 'end', '1']);
      await send(['PEXPIRE', framesKey(key), String(ttlMs)]);
      await send(['PEXPIRE', queryKey(key), String(ttlMs)]);
      await send(['PUBLISH', channel(key), 'end']);
    },

    async *read(key, afterId, signal) {
      if ((await this.lookup(key)) === undefined) {
        yield undefined;
        return;
      }
      // Frames trimmed away (or already expired) cannot be replayed.
      if (afterId > 0) {
        const first = await firstId(key);
        if (first === undefined || first > afterId + 1) {
          yield undefined;
          return;
        }
      }
      let woken = false;
      let wakeUp: () => void = () => {};
      const wake = () => {
        woken = true;
        wakeUp();
      };
      await listen(key, wake);
      try {
        let cursor = `0-${afterId}`;
        while (!signal.aborted) {
          woken = false;
          const entries = await send<RawEntry[]>(['XRANGE', framesKey(key), `(${cursor}`, '+', 'COUNT', String(PAGE)]);
          for (const [id, fields] of entries) {
            const value = field(fields, 'f');
            if (value === undefined) return; // the end mark
            cursor = id;
            yield { id: frameId(id), frame: JSON.parse(value) as Frame } satisfies StoredFrame;
          }
          if (entries.length === PAGE || woken) continue;
          const changed = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => finish(false), RECHECK_MS);
            const onAbort = () => finish(true);
            function finish(value: boolean) {
              clearTimeout(timer);
              signal.removeEventListener('abort', onAbort);
              wakeUp = () => {};
              resolve(value);
            }
            wakeUp = () => finish(true);
            signal.addEventListener('abort', onAbort, { once: true });
          });
          if (!changed && (await this.lookup(key)) === undefined) {
            yield undefined;
            return;
          }
        }
      } finally {
        await unlisten(key, wake);
      }
    },

    async close() {
      const opened = connecting;
      connecting = undefined;
      waiting.clear();
      if (!opened) return;
      const { commands, notifications } = await opened;
      await Promise.allSettled([commands.close(), notifications.close()]);
    },
  };
}

function frameId(entryId: string): number {
  return Number(entryId.slice(entryId.indexOf('-') + 1));
}

function field(fields: string[], name: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}
