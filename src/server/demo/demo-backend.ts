import { delay } from '../abortable.js';
import { chunkText } from '../chunk-text.js';
import type { AskBackend, BackendMetadata } from '../types.js';
import { DEMO_DOCUMENTS, type DemoDocument } from './demo-documents.js';

/** Options of {@link demoBackend}. */
export interface DemoBackendOptions {
  /** Pause between streamed pieces, in ms, for a realistic pace. Default 30; 0 streams at once. */
  delayMs?: number;
  /** About how many characters each streamed piece holds. Default 24 (a few words). */
  chunkSize?: number;
  /** The documents to answer from. Default: the built-in notes about ask-stream. */
  documents?: readonly DemoDocument[];
}

/**
 * A backend that needs nothing outside the machine: it picks the document that
 * best matches the question by keyword overlap, streams its text at a reading
 * pace, and cites it with a confidence. What `npm start` answers with when
 * no real backend is configured; import it from `ask-stream/server/demo`.
 */
export function demoBackend(options: DemoBackendOptions = {}): AskBackend {
  const delayMs = options.delayMs ?? 30;
  const chunkSize = options.chunkSize ?? 24;
  const index = (options.documents ?? DEMO_DOCUMENTS).map(indexDocument);
  // Each document's pieces, cut once: every answer from it streams the same ones
  // (re-cutting them cost each open stream its own ~100 strings: S1).
  const cut = new Map<string, readonly string[]>();
  const piecesOf = (text: string) => {
    let pieces = cut.get(text);
    if (!pieces) cut.set(text, (pieces = chunkText(text, chunkSize)));
    return pieces;
  };

  return (query, { signal }) => {
    const match = bestMatch(index, query);
    const text = match ? match.doc.text : fallbackAnswer(index.map((entry) => entry.doc));
    const metadata: BackendMetadata = match
      ? { confidence: match.confidence, sources: [{ title: match.doc.title, url: match.doc.url }] }
      : { confidence: 0, sources: [] };
    return paced(piecesOf(text), metadata, delayMs, signal);
  };
}

async function* paced(
  pieces: readonly string[],
  metadata: BackendMetadata,
  delayMs: number,
  signal: AbortSignal,
): AsyncGenerator<string | BackendMetadata> {
  for (let i = 0; i < pieces.length; i++) {
    if (i > 0 && delayMs > 0) await delay(delayMs, signal);
    yield pieces[i]!;
  }
  yield metadata;
}

function fallbackAnswer(docs: readonly DemoDocument[]): string {
  const topics = docs.map((doc) => `- ${doc.title}`).join('\n');
  return `I could not find that in what I know. I am the demo backend, and I answer questions about ask-stream itself. Try asking about one of these:\n\n${topics}\n\nTo answer from your own data, point \`npm start\` at a real backend with \`ML_PIPELINE_URL\` or \`OPENAI_BASE_URL\`.`;
}

// ---- Matching: bag of stemmed words, the title and keywords weighing most. ----

interface IndexedDocument {
  doc: DemoDocument;
  title: Set<string>;
  keywords: Set<string>;
  body: Set<string>;
}

const TITLE_WEIGHT = 3;
const KEYWORD_WEIGHT = 2;
const BODY_WEIGHT = 1;

function indexDocument(doc: DemoDocument): IndexedDocument {
  return {
    doc,
    title: new Set(terms(doc.title)),
    keywords: new Set(doc.keywords.flatMap(terms)),
    body: new Set(terms(doc.text)),
  };
}

function bestMatch(index: IndexedDocument[], query: string): { doc: DemoDocument; confidence: number } | undefined {
  const wanted = [...new Set(terms(query))];
  if (wanted.length === 0) return undefined;
  let best: { entry: IndexedDocument; score: number; matched: number } | undefined;
  for (const entry of index) {
    let score = 0;
    let matched = 0;
    for (const term of wanted) {
      const weight =
        (entry.title.has(term) ? TITLE_WEIGHT : 0) +
        (entry.keywords.has(term) ? KEYWORD_WEIGHT : 0) +
        (entry.body.has(term) ? BODY_WEIGHT : 0);
      score += weight;
      if (weight > 0) matched++;
    }
    if (score > 0 && (!best || score > best.score)) best = { entry, score, matched };
  }
  if (!best) return undefined;
  // Share of the question's words this document covers, and how strongly:
  // a word in the title and keywords counts more than one in passing.
  const coverage = best.matched / wanted.length;
  const strength = best.score / (wanted.length * (TITLE_WEIGHT + KEYWORD_WEIGHT + BODY_WEIGHT));
  const confidence = Math.min(0.95, 0.3 + 0.45 * coverage + 0.4 * strength);
  return { doc: best.entry.doc, confidence: Math.round(confidence * 100) / 100 };
}

/** Lower-cased, stemmed words without stop words. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (!STOP_WORDS.has(word) && word.length > 1) out.push(stem(word));
  }
  return out;
}

/** A crude suffix stripper: enough for "themes", "theming" and "theme" to meet. */
function stem(word: string): string {
  let w = word;
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && (w.endsWith('ed') || w.endsWith('es'))) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > 3 && w.at(-1) === w.at(-2)) w = w.slice(0, -1);
  return w;
}

const STOP_WORDS = new Set(
  `a about after all also am an and any are as at be been but by can could did do does doing for from get got
  had has have how i if in into is it its it's just me my no not of on or our so some than that the their them
  then there these they this those to too up us use used using was we were what when where which who why will
  with would you your yours ask-stream askstream please tell show explain want need way ways`.split(/\s+/),
);
