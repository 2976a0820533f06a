/** A source a retriever found: what the model reads (`snippet`) and what the reader sees and follows. */
export interface RetrievedSource {
  title?: string;
  url?: string;
  /** The passage the answer may draw on: it goes into the prompt, and the widget shows it on the citation's card. */
  snippet?: string;
  /** More fields reach the browser only when `passMetadata` names them. */
  [field: string]: unknown;
}

/**
 * The sources the widget can show, in order: those with a text `title` or
 * `url` and no field of the three that is not text. The handler drops any
 * other from `metadata.sources`, so prompting with it would shift every
 * later number away from the source the reader's `[n]` chip links to.
 */
export function citableSources(sources: readonly unknown[]): RetrievedSource[] {
  return sources.filter((source): source is RetrievedSource => {
    if (typeof source !== 'object' || source === null) return false;
    const { title, url, snippet } = source as Record<string, unknown>;
    if (typeof title !== 'string' && typeof url !== 'string') return false;
    return [title, url, snippet].every((field) => field === undefined || typeof field === 'string');
  });
}

/**
 * The part of the system prompt that hands the model its sources, numbered
 * from 1 in the order of `metadata.sources`, so that the model's `[n]` is
 * the widget's n-th source. `''` for no sources.
 */
export function sourcesPrompt(sources: readonly RetrievedSource[]): string {
  if (sources.length === 0) return '';
  const blocks = sources.map((source, i) => {
    const lines = [`[${i + 1}] ${text(source.title) || text(source.url) || 'Untitled'}`];
    if (text(source.url) && text(source.title)) lines.push(`URL: ${text(source.url)}`);
    if (text(source.snippet)) lines.push(text(source.snippet));
    return lines.join('\n');
  });
  return (
    'Answer from the sources below. Cite a source where you use it as [n], its number ' +
    '(for example [1] or [2][3]). If they do not hold the answer, say so.\n\n' +
    blocks.join('\n\n')
  );
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
