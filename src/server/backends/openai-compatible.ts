import type { HistoryEntry } from '../../protocol.js';
import { parseEventStream } from '../../sse/parse-event-stream.js';
import { boundEventStream } from '../bounded-read.js';
import type { AnswerLimits, AskBackend, BackendMetadata } from '../types.js';
import { fetchUpstream, upstreamLimits, withPassMetadata } from './upstream.js';
import { upstreamHttpError } from './upstream-error.js';
import { citableSources, sourcesPrompt, type RetrievedSource } from './sources-prompt.js';

/** Options of {@link openAICompatibleBackend}. */
export interface OpenAICompatibleOptions {
  /** The API root: `https://api.openai.com/v1`, `http://localhost:11434/v1` (Ollama). `path` is appended. */
  baseURL: string;
  /**
   * The path under `baseURL`, a query string allowed. Default `/chat/completions`.
   * Azure OpenAI: `baseURL` `https://NAME.openai.azure.com/openai/deployments/DEPLOYMENT`,
   * `path` `/chat/completions?api-version=2024-10-21`, `headers` `{'api-key': KEY}`.
   */
  path?: string;
  /** Sent as `Authorization: Bearer …`; local servers usually need none. */
  apiKey?: string;
  /** The model name, e.g. `gpt-4o-mini` or `llama3.2`. */
  model: string;
  /** An optional system prompt sent before the conversation. */
  system?: string;
  /** Sampling temperature (`temperature`); unset: the API's default. */
  temperature?: number;
  /** Most tokens of the answer (sent as `max_tokens`); unset: the API's default. */
  maxTokens?: number;
  /** Extra request headers, e.g. `{'api-key': KEY}` (Azure) or an organisation header. */
  headers?: Record<string, string>;
  /**
   * Finds sources for a question (your search index, a vector store…). Their
   * text goes into the system prompt, numbered, with the instruction to cite
   * them as `[n]`; the sources themselves (`{title, url, snippet}`) are sent
   * as the answer's `metadata.sources`, so the widget's citations link to
   * them. Aborted with the ask (`signal`). A retriever that throws fails the
   * ask like the API would.
   */
  retrieve?: (query: string, signal: AbortSignal) => readonly RetrievedSource[] | Promise<readonly RetrievedSource[]>;
  /** The `fetch` to use; the global one by default. */
  fetch?: typeof globalThis.fetch;
  /** Longest line of the event stream, in bytes. Default: the handler's `maxLineBytes` (1 MiB). */
  maxLineBytes?: number;
  /** Largest single event of the stream, in bytes. Default: the handler's `maxAnswerBytes` (8 MiB). */
  maxAnswerBytes?: number;
  /** Fields of the retrieved sources to pass to the browser beyond `title`, `url` and `snippet`. */
  passMetadata?: readonly string[];
}

/** One message of a chat completion request. */
interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/**
 * Streams from any OpenAI-compatible `/chat/completions` endpoint
 * (`stream: true`): OpenAI, Azure OpenAI, Ollama, llama.cpp's server, vLLM,
 * LM Studio… The conversation's earlier exchanges (the widget's `history`)
 * go before the question as user and assistant messages. Token deltas are
 * forwarded as they arrive. A non-2xx status (logged with the first 500
 * bytes of its body; a 4xx other than 408/429 is not retryable), a redirect,
 * an `error` object in the stream, a stream that ends before `[DONE]` (or a
 * `finish_reason`), or a line over `maxLineBytes` is a backend failure: the
 * parser never holds more than one line and one event.
 */
export function openAICompatibleBackend(options: OpenAICompatibleOptions): AskBackend {
  const path = options.path ?? '/chat/completions';
  const endpoint = `${options.baseURL.replace(/\/+$/, '')}${path.startsWith('/') ? '' : '/'}${path}`;
  const backend: AskBackend = (query, context) =>
    stream(endpoint, options, query, context.history ?? [], context.signal, upstreamLimits(options, context));
  return withPassMetadata(backend, options.passMetadata);
}

async function* stream(
  endpoint: string,
  options: OpenAICompatibleOptions,
  query: string,
  history: readonly HistoryEntry[],
  signal: AbortSignal,
  limits: AnswerLimits,
): AsyncGenerator<string | BackendMetadata> {
  const sources = options.retrieve ? citableSources(await options.retrieve(query, signal)) : [];
  signal.throwIfAborted();
  const system = [options.system, sourcesPrompt(sources)].filter(Boolean).join('\n\n');
  const messages: ChatMessage[] = [
    ...(system ? [{ role: 'system' as const, content: system }] : []),
    ...history.flatMap((entry): ChatMessage[] => [
      { role: 'user', content: entry.query },
      { role: 'assistant', content: entry.response },
    ]),
    { role: 'user', content: query },
  ];
  const request: Record<string, unknown> = { model: options.model, messages, stream: true };
  if (options.temperature !== undefined) request.temperature = options.temperature;
  if (options.maxTokens !== undefined) request.max_tokens = options.maxTokens;
  const headers: Record<string, string> = {
    ...options.headers,
    'Content-Type': 'application/json',
    Accept: 'text/event-stream',
  };
  if (options.apiKey) headers.Authorization = `Bearer ${options.apiKey}`;
  const name = `Chat completions endpoint ${endpoint}`;
  const response = await fetchUpstream(
    options.fetch,
    endpoint,
    { method: 'POST', headers, body: JSON.stringify(request), signal },
    name,
  );
  if (!response.ok || !response.body) throw await upstreamHttpError(response, name, signal);
  // The handler holds metadata back and sends it after the text.
  if (sources.length > 0) yield { sources };

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
