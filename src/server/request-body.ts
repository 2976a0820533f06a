import { isRecord } from '../protocol.js';

/** A request body that passed validation. */
export interface AskRequestBody {
  /** The question, trimmed, never empty. */
  query: string;
  /** The whole parsed body, for backends that read extra fields. */
  body: Record<string, unknown>;
}

/** Why a body was refused: `message` is safe to show the client. */
export class BadRequestError extends Error {
  override readonly name = 'BadRequestError';
}

/**
 * Reads and validates `{query, ...}`. Stops reading as soon as the body
 * passes `maxBytes`, so an oversized upload costs no more than the limit.
 * Rejects with {@link BadRequestError} for anything the client got wrong.
 */
export async function readAskBody(
  request: Request,
  limits: { maxBytes: number; maxQueryLength: number },
): Promise<AskRequestBody> {
  const text = await readText(request, limits.maxBytes);
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
  return { query, body };
}

async function readText(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () => new BadRequestError(`Request body is too large: at most ${maxBytes} bytes`);
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return '';

  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        void reader.cancel().catch(() => {});
        throw tooLarge();
      }
      parts.push(value);
    }
  } catch (error) {
    if (error instanceof BadRequestError) throw error;
    // Also a client that went away mid-upload: nobody will read this message.
    throw new BadRequestError('Request body could not be read');
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
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
