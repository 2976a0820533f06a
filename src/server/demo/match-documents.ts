import type { DemoDocument } from './demo-documents.js';

/** A document that shares words with the question, and how well it matches. */
export interface RankedDocument {
  doc: DemoDocument;
  /** Weighted overlap: a word in the title counts 3, in the keywords 2, in the text 1. */
  score: number;
  /** Between 0.3 and 0.95: how much of the question it covers, and how strongly. */
  confidence: number;
  /** A word of the question is in its title or keywords (not only in passing, in its text). */
  onTopic: boolean;
}

/** A document's words, ready for matching. */
export interface IndexedDocument {
  doc: DemoDocument;
  title: Set<string>;
  keywords: Set<string>;
  body: Set<string>;
}

const TITLE_WEIGHT = 3;
const KEYWORD_WEIGHT = 2;
const BODY_WEIGHT = 1;

export function indexDocument(doc: DemoDocument): IndexedDocument {
  return {
    doc,
    title: new Set(terms(doc.title)),
    keywords: new Set(doc.keywords.flatMap(terms)),
    body: new Set(terms(doc.text)),
  };
}

/**
 * The documents that share a word with the question, best first (ties keep
 * the documents' order). A bag of stemmed words, the title and keywords
 * weighing most: enough for a demo that answers questions about itself.
 */
export function rankDocuments(index: readonly IndexedDocument[], query: string): RankedDocument[] {
  const wanted = [...new Set(terms(query))];
  if (wanted.length === 0) return [];
  const ranked: RankedDocument[] = [];
  for (const entry of index) {
    let score = 0;
    let matched = 0;
    let onTopic = false;
    for (const term of wanted) {
      const weight =
        (entry.title.has(term) ? TITLE_WEIGHT : 0) +
        (entry.keywords.has(term) ? KEYWORD_WEIGHT : 0) +
        (entry.body.has(term) ? BODY_WEIGHT : 0);
      score += weight;
      if (weight > 0) matched++;
      if (weight > BODY_WEIGHT) onTopic = true;
    }
    if (score === 0) continue;
    // Share of the question's words this document covers, and how strongly:
    // a word in the title and keywords counts more than one in passing.
    const coverage = matched / wanted.length;
    const strength = score / (wanted.length * (TITLE_WEIGHT + KEYWORD_WEIGHT + BODY_WEIGHT));
    const confidence = Math.min(0.95, 0.3 + 0.45 * coverage + 0.4 * strength);
    ranked.push({ doc: entry.doc, score, confidence: Math.round(confidence * 100) / 100, onTopic });
  }
  // Array.prototype.sort is stable: equal scores keep the documents' order.
  return ranked.sort((a, b) => b.score - a.score);
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
