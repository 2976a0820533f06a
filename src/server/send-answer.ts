import { isRecord } from '../protocol.js';
import { delay, type AbortRace } from './abortable.js';
import { narrowMetadata } from './answer-metadata.js';
import { LimitExceededError } from './bounded-read.js';
import { chunkEnds } from './chunk-text.js';
import type { ServerFrame } from './sse-frame.js';
import type { TimeSlice } from './time-slice.js';
import type { BackendMetadata, BackendResult } from './types.js';

/** How a backend's answer is cut, paced, bounded and filtered. */
export interface AnswerSettings {
  chunkSize: number;
  chunkDelayMs: number;
  maxAnswerBytes: number;
  maxLineBytes: number;
  /** Metadata fields allowed beyond the protocol's own. */
  passMetadata: ReadonlySet<string>;
}

/** Where and how an answer goes out, for the length of one ask. */
export interface AnswerOutput {
  /** Sends a frame at the client's pace. */
  send: (frame: ServerFrame) => Promise<void>;
  /** The backend's signal: client gone, timeout, or done. */
  signal: AbortSignal;
  /** Races awaits against that signal. */
  race: AbortRace;
  /** Long loops pause when it is due. */
  slice: TimeSlice;
}

/**
 * Sends a backend's answer as `chunk` frames, whichever shape it came in, and
 * returns the metadata to send after it. Throws when the result is malformed
 * or larger than `maxAnswerBytes` (chunks already sent stay sent).
 */
export function sendAnswer(
  result: BackendResult,
  out: AnswerOutput,
  settings: AnswerSettings,
): Promise<BackendMetadata | undefined> {
  return isAsyncIterable(result) ? sendStream(result, out, settings) : sendWholeAnswer(result, out, settings);
}

async function sendWholeAnswer(
  result: unknown,
  out: AnswerOutput,
  settings: AnswerSettings,
): Promise<BackendMetadata | undefined> {
  if (!isRecord(result) || typeof result.response !== 'string') {
    throw new TypeError('The backend returned neither {response: string} nor an AsyncIterable');
  }
  const text = result.response;
  // At least one byte per UTF-16 unit and at most three: only the middle needs counting.
  const bytes = text.length * 3 <= settings.maxAnswerBytes ? 0 : await utf8LengthSliced(text, out);
  if (bytes > settings.maxAnswerBytes) {
    throw new LimitExceededError(
      `The backend answered ${bytes} bytes, more than maxAnswerBytes (${settings.maxAnswerBytes} bytes)`,
    );
  }
  // Every offset first, for `total`; in slices, so a long answer does not hold the event loop.
  const ends: number[] = [];
  for (const end of chunkEnds(text, settings.chunkSize)) {
    ends.push(end);
    if (out.slice.due()) await out.race.race(out.slice.pause());
  }
  let start = 0;
  for (let index = 0; index < ends.length; index++) {
    if (index > 0 && settings.chunkDelayMs > 0) await delay(settings.chunkDelayMs, out.signal);
    const end = ends[index]!;
    await out.send({ type: 'chunk', content: text.slice(start, end), index, total: ends.length });
    start = end;
  }
  return narrowMetadata(result, settings.passMetadata);
}

async function sendStream(
  stream: AsyncIterable<unknown>,
  out: AnswerOutput,
  settings: AnswerSettings,
): Promise<BackendMetadata | undefined> {
  const iterator = stream[Symbol.asyncIterator]();
  let metadata: Record<string, unknown> | undefined;
  let finished = false;
  let index = 0;
  let bytes = 0;
  try {
    for (;;) {
      const step = await out.race.race(iterator.next());
      if (step.done) {
        finished = true;
        break;
      }
      const item = step.value;
      if (typeof item === 'string') {
        if (item === '') continue;
        bytes += utf8Length(item);
        if (bytes > settings.maxAnswerBytes) {
          throw new LimitExceededError(
            `The backend streamed more than maxAnswerBytes (${settings.maxAnswerBytes} bytes)`,
          );
        }
        await out.send({ type: 'chunk', content: item, index: index++ });
      } else if (isRecord(item)) {
        metadata = { ...metadata, ...item };
      } else {
        throw new TypeError(`The backend's stream yielded a ${typeof item}: expected text or a metadata object`);
      }
    }
  } finally {
    // Lets an async generator run its finally blocks. Not awaited: a generator
    // stuck in an await would hold the handler until it wakes up.
    if (!finished)
      void Promise.resolve()
        .then(() => iterator.return?.())
        .catch(() => {});
  }
  return metadata && narrowMetadata(metadata, settings.passMetadata);
}

const NON_ASCII = /[^\0-\x7f]/;
const WINDOW = 64 * 1024;
const scratch = new Uint8Array(3 * WINDOW);
const encoder = new TextEncoder();

/**
 * Bytes of `text` in UTF-8 (a lone surrogate counts as the 3 bytes of U+FFFD).
 * Native scans, not a loop over code units: a regular expression settles the
 * common all-ASCII case, `encodeInto` a 64K window at a time the rest (10 MB:
 * a few ms, where a JavaScript loop took 170 ms on its first run).
 */
export function utf8Length(text: string): number {
  if (!NON_ASCII.test(text)) return text.length;
  let bytes = 0;
  for (let start = 0; start < text.length;) {
    const end = windowEnd(text, start, WINDOW);
    bytes += encoder.encodeInto(text.slice(start, end), scratch).written;
    start = end;
  }
  return bytes;
}

/** {@link utf8Length} of a long text a megabyte at a time, giving the event loop its turns. */
async function utf8LengthSliced(text: string, out: AnswerOutput): Promise<number> {
  let bytes = 0;
  for (let start = 0; start < text.length;) {
    const end = windowEnd(text, start, 1024 * 1024);
    bytes += utf8Length(text.slice(start, end));
    start = end;
    if (out.slice.due()) await out.race.race(out.slice.pause());
  }
  return bytes;
}

/** `start + size`, or one more so as not to end between the halves of a surrogate pair. */
function windowEnd(text: string, start: number, size: number): number {
  const end = Math.min(text.length, start + size);
  const last = text.charCodeAt(end - 1);
  return end < text.length && last >= 0xd800 && last <= 0xdbff ? end + 1 : end;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}
