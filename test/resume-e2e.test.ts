// End to end in a real browser: <ask-stream> against the real handler with a
// memory resume store, behind a proxy that cuts connections or answers 503 on
// request (test/support/resume-server.mjs). The backend counts its calls: one
// per ask, whatever happened on the way.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../src/index.js';
import type { AskStreamElement, AskStreamRetryingEvent } from '../src/index.js';
import { answerText } from './support/resume-answer.js';

interface Log {
  attempts: Array<{ idempotencyKey: string; lastEventId: string | null; at: number }>;
  calls: number;
}

let tags = 0;
function endpoint(params: Record<string, string | number>): { url: string; log: () => Promise<Log> } {
  const tag = `e2e-${Date.now()}-${tags++}`;
  const search = new URLSearchParams({
    tag,
    ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
  });
  return {
    url: `/test/real/ask?${search}`,
    log: async () => (await fetch(`/test/real/log?tag=${tag}`)).json() as Promise<Log>,
  };
}

const TERMINALS = ['ask-stream-complete', 'ask-stream-error', 'ask-stream-cancel'];

async function widget(url: string) {
  const el = await fixture<AskStreamElement>(html`<ask-stream endpoint=${url}></ask-stream>`);
  const chunks: string[] = [];
  const terminals: string[] = [];
  el.addEventListener('ask-stream-chunk', (e) => chunks.push(e.detail.content));
  for (const name of TERMINALS) el.addEventListener(name, () => terminals.push(name));
  return { el, chunks, terminals };
}

describe('resume end to end (real handler, resume store, cutting proxy)', () => {
  for (const cut of [0, 1, 57, 'last'] as const) {
    it(`a connection cut after ${cut} chunks resumes to the exact text, each character once, one terminal event`, async () => {
      const real = endpoint({ cut });
      const { el, chunks, terminals } = await widget(real.url);
      await el.ask('cut me');
      const expected = answerText('cut me');
      expect(el.status).to.equal('complete');
      expect(el.response).to.equal(expected);
      // Every character once: the chunk events add up to the text exactly.
      expect(chunks.join('')).to.equal(expected);
      expect(terminals).to.deep.equal(['ask-stream-complete']);
      const log = await real.log();
      expect(log.calls).to.equal(1);
      expect(log.attempts.length).to.be.at.least(2);
      expect(new Set(log.attempts.map((a) => a.idempotencyKey)).size).to.equal(1);
      // Resumed after what arrived. With a cut this early, Chromium may fail the fetch
      // itself before handing over any frame: then the retry carries no Last-Event-ID and
      // the store replays the answer from its start, still without calling the backend.
      if (cut === 57 || cut === 'last') expect(log.attempts.at(-1)!.lastEventId).to.match(/^\d+$/);
    });
  }

  it('503 with Retry-After: 1, then success: waits at least 1 s and completes', async () => {
    const real = endpoint({ first: '503:1' });
    const { el, terminals } = await widget(real.url);
    const retrying = oneEvent(el, 'ask-stream-retrying') as Promise<AskStreamRetryingEvent>;
    const started = performance.now();
    await el.ask('busy');
    const waited = performance.now() - started;
    expect((await retrying).detail).to.deep.equal({ query: 'busy', attempt: 1, delayMs: 1000, code: 'HTTP_ERROR' });
    expect(el.response).to.equal(answerText('busy'));
    expect(terminals).to.deep.equal(['ask-stream-complete']);
    const log = await real.log();
    expect(log.attempts[1]!.at - log.attempts[0]!.at).to.be.at.least(1000);
    expect(waited).to.be.at.least(1000);
    expect(log.calls).to.equal(1);
  });

  it('offline, then online: waits for the network instead of spending attempts, then completes', async function () {
    const real = endpoint({});
    const { el, terminals } = await widget(real.url);
    let retried = 0;
    el.addEventListener('ask-stream-retrying', () => retried++);
    // Offline for 1.5 s, starting a moment after the command returns.
    const supported = await executeServerCommand('go-offline', { forMs: 1500 });
    if (!supported) {
      console.log('offline emulation needs the Playwright launcher: skipped in this browser');
      this.skip();
    }
    await waitUntil(() => !navigator.onLine, 'the page to go offline', { timeout: 5000 });
    const done = el.ask('offline');
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="reconnecting"]'), 'the reconnecting note', {
      timeout: 5000,
    });
    expect(navigator.onLine).to.equal(false);
    expect(el.status).to.equal('streaming');
    await done;
    expect(el.response).to.equal(answerText('offline'));
    expect(terminals).to.deep.equal(['ask-stream-complete']);
    // No backoff attempt was spent on the offline failure: the retry came with the online event.
    expect(retried).to.equal(0);
    const log = await real.log();
    expect(log.attempts).to.have.length(1);
    expect(log.calls).to.equal(1);
  });

  it('cancel during the backoff wait cancels: one terminal event, the partial answer kept', async () => {
    // Cut after 57 chunks, then the resume is told to come back in 30 s.
    const real = endpoint({ cut: 57, second: '503:30' });
    const { el, terminals } = await widget(real.url);
    const retried = new Promise<AskStreamRetryingEvent>((resolve) =>
      el.addEventListener('ask-stream-retrying', (e) => e.detail.delayMs === 30000 && resolve(e)),
    );
    const done = el.ask('stop me');
    await retried;
    el.cancel();
    await done;
    expect(el.status).to.equal('cancelled');
    expect(terminals).to.deep.equal(['ask-stream-cancel']);
    expect(answerText('stop me').startsWith(el.response)).to.equal(true);
    expect(el.response.length).to.be.greaterThan(0);
    const log = await real.log();
    expect(log.calls).to.equal(1);
  });
});
