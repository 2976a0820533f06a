import { HISTORY_LIMITS, isRecord, type HistoryEntry } from '../protocol.js';
import { readAll } from './bounded-read.js';

/** A request body that passed validation. */
export interface AskRequestBody {
  /** The question, trimmed, never empty. */
  query: string;
  /** The whole parsed body, for backends that read extra fields. */
  body: Record<string, unknown>;
  /** The earlier exchanges the widget sent (`history`), oldest first, each only `{query, response}`; `[]` without. */
  history: HistoryEntry[];
}

/** Why a body was refused: `message` is safe to show the client. */
export class BadRequestError extends Error {
  override readonly name = 'BadRequestError';
}

/** The body did not arrive within `bodyTimeoutMs`. */
export class BodyTimeoutError extends Error {
  override readonly name = 'BodyTimeoutError';
  constructor(timeoutMs: number) {
    super(`The request body took longer than bodyTimeoutMs (${timeoutMs} ms)`);
  }
}

/** Bounds on reading a request body. */
export interface BodyLimits {
  /** Largest body, in bytes. */
  maxBytes: number;
  /** Longest query, in code points. */
  maxQueryLength: number;
  /** Longest time to receive the whole body, in ms; 0 or less: none. */
  timeoutMs: number;
}

/**
 * Reads and validates `{query, ...}`. Stops reading as soon as the body
 * passes `maxBytes`, so an oversized upload costs no more than the limit, and
 * cancels it after `timeoutMs`, so a client that drips bytes cannot hold a
 * connection. Rejects with {@link BadRequestError} for anything the client got
 * wrong, {@link BodyTimeoutError} for a body too slow.
 */
export async function readAskBody(request: Request, limits: BodyLimits): Promise<AskRequestBody> {
  const text = await readText(request, limits);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadRequestError('Request body must be JSON');
  }
  if (!isRecord(parsed)) {
    throw new BadRequestError('Request body must be a JSON object with a "query" string');
  }
  const body = parsed;
  if (typeof body.query !== 'string' || body.query.trim() === '') {
    throw new BadRequestError('Missing "query": send a non-empty question');
  }
  const query = body.query.trim();
  if (characterCount(query, limits.maxQueryLength) > limits.maxQueryLength) {
    throw new BadRequestError(`Query is too long: at most ${limits.maxQueryLength} characters`);
  }
  return { query, body, history: readHistory(body.history) };
}

const HISTORY_SHAPE = '"history" must be an array of {"query": string, "response": string}';
const encoder = new TextEncoder();

/**
 * The conversation so far, checked against {@link HISTORY_LIMITS}: at most
 * 20 exchanges of two strings each, at most 16 KiB as JSON (measured on what
 * is kept, so the same history costs the same however the client spaced or
 * escaped it). Fields other than `query` and `response` are dropped.
 */
function readHistory(value: unknown): HistoryEntry[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new BadRequestError(HISTORY_SHAPE);
  if (value.length > HISTORY_LIMITS.maxEntries) {
    throw new BadRequestError(`Too much history: at most ${HISTORY_LIMITS.maxEntries} exchanges`);
  }
  const history: HistoryEntry[] = [];
  for (const entry of value as unknown[]) {
    if (!isRecord(entry) || typeof entry.query !== 'string' || typeof entry.response !== 'string') {
      throw new BadRequestError(HISTORY_SHAPE);
    }
    history.push({ query: entry.query, response: entry.response });
  }
  if (encoder.encode(JSON.stringify(history)).byteLength > HISTORY_LIMITS.maxBytes) {
    throw new BadRequestError(`History is too large: at most ${HISTORY_LIMITS.maxBytes} bytes of JSON`);
  }
  return history;
}

/** One for every request: a decode without `stream` keeps no state between calls. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

async function readText(request: Request, limits: BodyLimits): Promise<string> {
  const { maxBytes, timeoutMs } = limits;
  const tooLarge = () => new BadRequestError(`Request body is too large: at most ${maxBytes} bytes`);
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return '';

  const deadline = new AbortController();
  const timer =
    timeoutMs > 0 && Number.isFinite(timeoutMs)
      ? setTimeout(() => deadline.abort(new BodyTimeoutError(timeoutMs)), timeoutMs)
      : undefined;
  let bytes: Uint8Array;
  try {
    bytes = await readAll(request.body, { maxBytes, tooLarge, signal: deadline.signal });
  } catch (error) {
    if (error instanceof BadRequestError || error instanceof BodyTimeoutError) throw error;
    // Also a client that went away mid-upload: nobody will read this message.
    throw new BadRequestError('Request body could not be read');
  } finally {
    clearTimeout(timer);
  }
  try {
    return utf8.decode(bytes);
  } catch {
    throw new BadRequestError('Request body must be UTF-8 JSON');
  }
}

/** Code points, counted only as far as needed to know whether `limit` is passed. */
function characterCount(text: string, limit: number): number {
  // A string can never hold more code points than UTF-16 units.
  if (text.length <= limit) return text.length;
  let count = 0;
  for (const _ of text) {
    if (++count > limit) break;
  }
  return count;
}
