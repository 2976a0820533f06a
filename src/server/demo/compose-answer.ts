import type { BackendMetadata } from '../types.js';
import type { DemoDocument } from './demo-documents.js';
import type { RankedDocument } from './match-documents.js';

/** Related documents cited after the best one, and follow-up questions offered. */
const MAX_RELATED = 2;
const MAX_SUGGESTIONS = 3;

const SNIPPET_LENGTH = 180;

/**
 * The demo's answer, shaped like a retrieval pipeline's: the best document's
 * text citing it as `[1]`, a "See also" line citing up to two related ones,
 * each source with a snippet, and follow-up questions, so the demo shows
 * citation chips, source cards and suggestions as a real backend would.
 */
export function composeAnswer(
  ranked: readonly RankedDocument[],
  documents: readonly DemoDocument[],
): { text: string; metadata: BackendMetadata } {
  const best = ranked[0];
  if (!best) {
    return {
      text: fallbackAnswer(documents),
      metadata: { confidence: 0, sources: [], suggestions: questionsOf(documents, []) },
    };
  }
  const related = ranked
    .slice(1)
    .filter((r) => r.onTopic)
    .slice(0, MAX_RELATED)
    .map((r) => r.doc);
  const cited = [best.doc, ...related];
  let text = cite(best.doc.text, 1);
  if (related.length > 0) {
    text += `\n\nSee also ${related.map((doc, i) => `*${doc.title}* [${i + 2}]`).join(' and ')}.`;
  }
  // Follow-ups: the related documents first, then the ones after the best, in order.
  const after = documents.slice(documents.indexOf(best.doc) + 1).concat(documents);
  return {
    text,
    metadata: {
      confidence: best.confidence,
      sources: cited.map((doc) => ({ title: doc.title, url: doc.url, snippet: snippetOf(doc.text) })),
      suggestions: questionsOf([...related, ...after], [best.doc]),
    },
  };
}

function fallbackAnswer(documents: readonly DemoDocument[]): string {
  const topics = documents.map((doc) => `- ${doc.title}`).join('\n');
  return `I could not find that in what I know. I am the demo backend, and I answer questions about ask-stream itself. Try asking about one of these:\n\n${topics}\n\nTo answer from your own data, point \`npm start\` at a real backend with \`ML_PIPELINE_URL\` or \`OPENAI_BASE_URL\`.`;
}

/** Up to three distinct questions of these documents, skipping those of `except`. */
function questionsOf(documents: readonly DemoDocument[], except: readonly DemoDocument[]): string[] {
  const out: string[] = [];
  for (const doc of documents) {
    if (out.length === MAX_SUGGESTIONS) break;
    if (doc.question && !except.includes(doc) && !out.includes(doc.question)) out.push(doc.question);
  }
  return out;
}

/** Paragraphs that are prose: not code (in or around a fence), a list, a table, a heading or a quote. */
function proseParagraphs(text: string): { index: number; paragraph: string }[] {
  const paragraphs = text.split('\n\n');
  const out: { index: number; paragraph: string }[] = [];
  let inFence = false;
  for (let index = 0; index < paragraphs.length; index++) {
    const paragraph = paragraphs[index]!;
    const fences = paragraph.match(/^```/gm)?.length ?? 0;
    if (!inFence && fences === 0 && !/^\s*([-*+>|#]|\d+[.)])/.test(paragraph)) out.push({ index, paragraph });
    if (fences % 2 === 1) inFence = !inFence;
  }
  return out;
}

/** Adds the marker `[n]` to the first prose paragraph that does not lead into something (":"). */
export function cite(text: string, n: number): string {
  const target = proseParagraphs(text).find(({ paragraph }) => !paragraph.trimEnd().endsWith(':'));
  if (!target) return `${text}\n\n[${n}]`;
  const paragraphs = text.split('\n\n');
  paragraphs[target.index] = `${target.paragraph.trimEnd()} [${n}]`;
  return paragraphs.join('\n\n');
}

/** The first prose paragraph as plain text, cut at a word near 180 characters. */
export function snippetOf(text: string): string {
  const first = proseParagraphs(text)[0]?.paragraph ?? text;
  const plain = first
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= SNIPPET_LENGTH) return plain;
  const cut = plain.slice(0, SNIPPET_LENGTH);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), SNIPPET_LENGTH / 2)).trimEnd()}…`;
}
