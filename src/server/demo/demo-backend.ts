import { delay } from '../abortable.js';
import { chunkText } from '../chunk-text.js';
import type { AskBackend, BackendMetadata } from '../types.js';
import { composeAnswer } from './compose-answer.js';
import { DEMO_DOCUMENTS, type DemoDocument } from './demo-documents.js';
import { indexDocument, rankDocuments } from './match-documents.js';

/** Most answers whose pieces are kept: a few documents' worth of combinations. */
const MAX_CUT_ANSWERS = 64;

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
 * best matches the question by keyword overlap and streams its text at a
 * reading pace, citing it (`[1]`) and up to two related documents, with
 * snippets, a confidence and follow-up questions. What `npm start` answers
 * with when no real backend is configured; import it from
 * `ask-stream/server/demo`.
 */
export function demoBackend(options: DemoBackendOptions = {}): AskBackend {
  const delayMs = options.delayMs ?? 30;
  const chunkSize = options.chunkSize ?? 24;
  const documents = options.documents ?? DEMO_DOCUMENTS;
  const index = documents.map(indexDocument);
  // Each answer's pieces, cut once: an answer depends only on which documents
  // match, so the same ones come again, and re-cutting them cost each open
  // stream its own ~100 strings (S1). Bounded all the same.
  const cut = new Map<string, readonly string[]>();
  const piecesOf = (text: string) => {
    let pieces = cut.get(text);
    if (!pieces) {
      if (cut.size >= MAX_CUT_ANSWERS) cut.clear();
      cut.set(text, (pieces = chunkText(text, chunkSize)));
    }
    return pieces;
  };

  return (query, { signal }) => {
    const { text, metadata } = composeAnswer(rankDocuments(index, query), documents);
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
