import { parseEventStream } from '../../sse/parse-event-stream.js';
import { boundEventStream } from '../bounded-read.js';
import type { AnswerLimits, AskBackend } from '../types.js';
import { fetchUpstream, upstreamLimits } from './upstream.js';

/** Options of {@link openAICompatibleBackend}. */
export interface OpenAICompatibleOptions {
  /** The API root, `/chat/completions` is appended: `https://api.openai.com/v1`, `http://localhost:11434/v1` (Ollama). */
  baseURL: string;
  /** Sent as `Authorization: Bearer …`; local servers usually need none. */
  apiKey?: string;
  /** The model name, e.g. `gpt-4o-mini` or `llama3.2`. */
  model: string;
  /** An optional system prompt sent before the question. */
  system?: string;
  /** The `fetch` to use; the global one by default. */
  fetch?: typeof globalThis.fetch;
  /** Longest line of the event stream, in bytes. Default: the handler's `maxLineBytes` (1 MiB). */
  maxLineBytes?: number;
  /** Largest single event of the stream, in bytes. Default: the handler's `maxAnswerBytes` (8 MiB). */
  maxAnswerBytes?: number;
}

/**
 * Streams from any OpenAI-compatible `/chat/completions` endpoint
 * (`stream: true`): OpenAI, Ollama, llama.cpp's server, vLLM, LM Studio…
 * Token deltas are forwarded as they arrive. A non-2xx status, a redirect,
 * an `error` object in the stream, a stream that ends before `[DONE]` (or a
 * `finish_reason`), or a line over `maxLineBytes` is a backend failure: the
 * parser never holds more than one line and one event.
 */
export function openAICompatibleBackend(options: OpenAICompatibleOptions): AskBackend {
  const endpoint = `${options.baseURL.replace(/\/+$/, '')}/chat/completions`;
  return (query, context) => stream(endpoint, options, query, context.signal, upstreamLimits(options, context));
}

async function* stream(
  endpoint: string,
  options: OpenAICompatibleOptions,
  query: string,
  signal: AbortSignal,
  limits: AnswerLimits,
): AsyncGenerator<string> {
  const messages = [
    ...(options.system ? [{ role: 'system', content: options.system }] : []),
    { role: 'user', content: query },
  ];
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'text/event-stream' };
  if (options.apiKey) headers.Authorization = `Bearer ${options.apiKey}`;
  const name = `Chat completions endpoint ${endpoint}`;
  const response = await fetchUpstream(
    options.fetch,
    endpoint,
    { method: 'POST', headers, body: JSON.stringify({ model: options.model, messages, stream: true }), signal },
    name,
  );
  if (!response.ok || !response.body) {
    void response.body?.cancel().catch(() => {});
    throw new Error(`${name} answered HTTP ${response.status}`);
  }

  let finished = false;
  const body = boundEventStream(response.body, { ...limits, name });
  for await (const { data } of parseEventStream(body)) {
    if (data.trim() === '[DONE]') return;
    const delta = parseDelta(data);
    if (delta.error !== undefined) {
      throw new Error(`Chat completions stream failed: ${JSON.stringify(delta.error)}`);
    }
    if (delta.finished) finished = true;
    if (delta.content) yield delta.content;
  }
  // Some servers end without [DONE]; a finish_reason still marks a whole answer.
  if (!finished) throw new Error('Chat completions stream ended before the answer was complete');
}

function parseDelta(data: string): { content?: string; finished?: boolean; error?: unknown } {
  let chunk: unknown;
  try {
    chunk = JSON.parse(data);
  } catch {
    throw new Error('Chat completions stream sent data that is not JSON');
  }
  const record = (chunk ?? {}) as {
    error?: unknown;
    choices?: { delta?: { content?: unknown }; finish_reason?: unknown }[];
  };
  if (record.error !== undefined && record.error !== null) return { error: record.error };
  const choice = Array.isArray(record.choices) ? record.choices[0] : undefined;
  const content = choice?.delta?.content;
  return {
    content: typeof content === 'string' ? content : undefined,
    finished: typeof choice?.finish_reason === 'string',
  };
}
