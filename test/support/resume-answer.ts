// The answer the resumable test server gives: long enough to cut after 57
// chunks, with multi-byte characters, so a character shown twice or lost shows.
export const ANSWER_PIECES = 80;

export function answerPieces(query: string): string[] {
  return Array.from(
    { length: ANSWER_PIECES },
    (_, i) => `${i}: ${query} — héllo wörld 🌍${i % 10 === 9 ? '\n\n' : ' '}`,
  );
}

export const answerText = (query: string): string => answerPieces(query).join('');
