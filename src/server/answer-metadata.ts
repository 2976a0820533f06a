import { isRecord } from '../protocol.js';
import type { BackendMetadata } from './types.js';

/** The fields of a source object the protocol defines; anything else needs `passMetadata`. */
const SOURCE_FIELDS = ['title', 'url', 'snippet'] as const;

/**
 * Follow-up questions kept at most: the widget offers a handful, so a
 * pipeline that sends thousands would only spend the visitor's bandwidth.
 */
const MAX_SUGGESTIONS = 10;

/** Fields of a backend's object that are never metadata. */
const NOT_METADATA = new Set(['response', 'type']);

/**
 * What of a backend's metadata may reach the browser: a finite `confidence`,
 * `sources` narrowed to strings and `{title, url, snippet}` (string fields,
 * with a title or a URL), `suggestions` narrowed to (at most ten) strings,
 * and the fields `passed` names, at the top level or
 * in a source. A pipeline's internals (paths, ids, scores, debug data) stay
 * on the server unless an operator lets them through by name.
 */
export function narrowMetadata(
  value: Record<string, unknown>,
  passed: ReadonlySet<string>,
): BackendMetadata | undefined {
  const out: BackendMetadata = {};
  if (typeof value.confidence === 'number' && Number.isFinite(value.confidence)) out.confidence = value.confidence;
  if (Array.isArray(value.sources)) {
    out.sources = [];
    for (const source of value.sources) {
      const narrowed = narrowSource(source, passed);
      if (narrowed !== undefined) out.sources.push(narrowed);
    }
  }
  if (Array.isArray(value.suggestions)) {
    out.suggestions = value.suggestions.filter((q): q is string => typeof q === 'string').slice(0, MAX_SUGGESTIONS);
  }
  for (const key of passed) {
    if (NOT_METADATA.has(key) || key === 'confidence' || key === 'sources' || key === 'suggestions') continue;
    if (Object.hasOwn(value, key) && value[key] !== undefined) out[key] = value[key];
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function narrowSource(
  source: unknown,
  passed: ReadonlySet<string>,
): NonNullable<BackendMetadata['sources']>[number] | undefined {
  if (typeof source === 'string') return source;
  if (!isRecord(source)) return undefined;
  if (typeof source.title !== 'string' && typeof source.url !== 'string') return undefined;
  const out: Record<string, unknown> = {};
  for (const field of SOURCE_FIELDS) {
    const entry = source[field];
    if (entry === undefined) continue;
    // A title that is not text would render as "[object Object]": drop the source.
    if (typeof entry !== 'string') return undefined;
    out[field] = entry;
  }
  for (const key of passed) {
    if (Object.hasOwn(source, key) && source[key] !== undefined && !(key in out)) out[key] = source[key];
  }
  return out as { title?: string; url?: string; snippet?: string };
}
