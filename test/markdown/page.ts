/**
 * The harness's code in the page (bundled into /harness.js by harness.ts):
 * renders jobs through `<ask-stream>` elements and normalizes DOM.
 */
import type { Rendered } from './harness.js';
import { normalizeMarkdown } from './normalize.js';

/**
 * Asks one job alone and measures it: the time from the ask to the final
 * render, the longest task meanwhile (Long Tasks API, tasks of 50 ms or more)
 * and any error that reached the page.
 */
export async function measureJob(
  job: number,
): Promise<Rendered & { longestTask: number; text: string; errors: string[] }> {
  const errors: string[] = [];
  const onError = (e: ErrorEvent | PromiseRejectionEvent) =>
    errors.push(String('reason' in e ? e.reason : (e.error ?? e.message)));
  addEventListener('error', onError);
  addEventListener('unhandledrejection', onError);
  let longestTask = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestTask = Math.max(longestTask, entry.duration);
  });
  observer.observe({ type: 'longtask' });
  const [result] = await renderJobs([job], 1);
  // Long task entries are delivered as a task of their own, after the task they describe.
  await new Promise((resolve) => setTimeout(resolve));
  for (const entry of observer.takeRecords()) longestTask = Math.max(longestTask, entry.duration);
  observer.disconnect();
  removeEventListener('error', onError);
  removeEventListener('unhandledrejection', onError);
  return { ...result!, longestTask, text: lastText, errors };
}

let lastText = '';

/** Asks each job (by its id in the harness) through a widget of its own, `parallel` at a time. */
export async function renderJobs(jobs: number[], parallel: number): Promise<Rendered[]> {
  type Widget = HTMLElement & {
    body: unknown;
    ask(q: string): Promise<void>;
    updateComplete: Promise<boolean>;
    status: string;
    error: { message: string } | null;
  };
  await customElements.whenDefined('ask-stream');
  const results: Rendered[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < jobs.length; i = next++) {
      const el = document.createElement('ask-stream') as Widget;
      el.setAttribute('endpoint', '/answer');
      el.setAttribute('allow-images', '');
      el.body = { job: jobs[i] };
      document.body.append(el);
      const t0 = performance.now();
      await el.ask('q');
      await el.updateComplete;
      const ms = performance.now() - t0;
      const answer = el.shadowRoot!.querySelector('[part~="answer"]')!;
      lastText = answer.textContent ?? '';
      results[i] = {
        normalized: normalizeMarkdown(answer),
        markup: answer.innerHTML.replace(/<!--[^]*?-->/g, ''),
        ms,
        ...(el.status === 'complete' ? {} : { error: `${el.status}: ${el.error?.message}` }),
      };
      el.remove();
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return results;
}

/** Parses reference HTML and normalizes it the same way. */
export function normalizeHtml(htmls: string[]): string[] {
  const parser = new DOMParser();
  return htmls.map((h) => normalizeMarkdown(parser.parseFromString(`<body>${h}</body>`, 'text/html').body));
}
