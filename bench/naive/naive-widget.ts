/**
 * The naive baseline: what most streaming chat widgets do. On every chunk,
 * append it to a string, re-parse the whole answer with `marked`, and replace
 * the answer's content through innerHTML. Written plainly and correctly, not
 * made slow on purpose; it even leaves out what such widgets usually add on
 * top (an HTML sanitizer on every chunk, scrolling to the bottom on every
 * chunk, which forces a layout each time), so the comparison flatters it.
 *
 * It reads the same endpoint the same way the element does: POST, fetch body
 * reader, SSE frames split on blank lines, JSON per `data:` line.
 */
import { marked } from 'marked';

export interface NaiveAsk {
  /** Resolves with 'complete', 'error' or 'cancelled'. */
  done: Promise<string>;
  cancel(): void;
}

export function naiveAsk(
  endpoint: string,
  answer: HTMLElement,
  onChunk: (length: number) => void,
  onRender: () => void,
): NaiveAsk {
  const abort = new AbortController();
  const done = (async () => {
    let full = '';
    try {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
        body: JSON.stringify({ query: 'bench' }),
        signal: abort.signal,
      });
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'error';
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          // A cancelled widget stops at once, even with frames still buffered.
          if (abort.signal.aborted) return 'cancelled';
          for (const line of block.split('\n')) {
            if (!line.startsWith('data:')) continue;
            const message = JSON.parse(line.slice(5)) as { type: string; content?: string };
            if (message.type === 'chunk' && typeof message.content === 'string') {
              full += message.content;
              onChunk(message.content.length);
              answer.innerHTML = marked.parse(full, { async: false });
              onRender();
            } else if (message.type === 'complete') {
              void reader.cancel();
              return 'complete';
            } else if (message.type === 'error') {
              return 'error';
            }
          }
        }
      }
    } catch {
      return abort.signal.aborted ? 'cancelled' : 'error';
    }
  })();
  return { done, cancel: () => abort.abort() };
}
