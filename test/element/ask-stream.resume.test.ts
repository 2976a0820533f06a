// The element's side of retry, resume and persistence: the `retries` attribute,
// the ask-stream-retrying event, the "Reconnecting…" note, and `persist`.
// (A real page reload is in test/element/ask-stream.reload.test.ts.)
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import { AskStreamRetryingEvent, type AskStreamElement } from '../../src/index.js';
import { ATTEMPTS_ENDPOINT, byLastEventId, chunk, complete, perAttempt, withId, type Step } from '../support/script.js';

const part = (el: AskStreamElement, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const terminalNames = ['ask-stream-complete', 'ask-stream-error', 'ask-stream-cancel'];
const fail503: Step[] = [{ status: 503, headers: { 'content-type': 'text/plain' } }];

let listening = new AbortController();
afterEach(() => {
  listening.abort();
  listening = new AbortController();
  sessionStorage.clear();
  localStorage.clear();
});

function logTerminals(): string[] {
  const log: string[] = [];
  for (const name of terminalNames) document.addEventListener(name, () => log.push(name), { signal: listening.signal });
  return log;
}

describe('<ask-stream> retry, resume and persist', () => {
  it('has retries 2 by default and reads the retries attribute', async () => {
    const el = await fixture<AskStreamElement>(html`<ask-stream></ask-stream>`);
    expect(el.retries).to.equal(2);
    expect(el.persist).to.equal(null);
    expect(el.persistKey).to.equal(null);
    const other = await fixture<AskStreamElement>(
      html`<ask-stream retries="0" persist="local" persist-key="k"></ask-stream>`,
    );
    expect([other.retries, other.persist, other.persistKey]).to.deep.equal([0, 'local', 'k']);
  });

  it('fires ask-stream-retrying (bubbling, composed) with {query, attempt, delayMs, code}, then one terminal event', async () => {
    // Retry-After makes the wait a known second, so the note is still up when
    // we look (the jittered backoff may be ~0 ms on a busy machine).
    const endpoint = perAttempt(
      [{ status: 503, headers: { 'content-type': 'text/plain', 'retry-after': '1' } }],
      [chunk('ok'), complete()],
    );
    const el = await fixture<AskStreamElement>(html`<ask-stream endpoint=${ATTEMPTS_ENDPOINT}></ask-stream>`);
    el.body = endpoint.body;
    const terminals = logTerminals();
    const retrying = oneEvent(document, 'ask-stream-retrying');
    const done = el.ask('q');
    const event = (await retrying) as AskStreamRetryingEvent;
    expect(event).to.be.instanceOf(AskStreamRetryingEvent);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail).to.include({ query: 'q', attempt: 1, code: 'HTTP_ERROR' });
    expect(event.detail.delayMs).to.equal(1000);
    await el.updateComplete;
    expect(part(el, 'reconnecting')?.textContent).to.equal('Reconnecting…');
    await done;
    await el.updateComplete;
    expect(el.response).to.equal('ok');
    expect(part(el, 'reconnecting')).to.equal(null);
    expect(terminals).to.deep.equal(['ask-stream-complete']);
  });

  it('retries="0" fails at once', async () => {
    const endpoint = perAttempt(fail503, [complete()]);
    const el = await fixture<AskStreamElement>(
      html`<ask-stream endpoint=${ATTEMPTS_ENDPOINT} retries="0"></ask-stream>`,
    );
    el.body = endpoint.body;
    let retried = 0;
    el.addEventListener('ask-stream-retrying', () => retried++);
    await el.ask('q');
    expect(el.error?.code).to.equal('HTTP_ERROR');
    expect(retried).to.equal(0);
    expect(await endpoint.attempts()).to.have.length(1);
  });

  it('cancel() during the backoff wait cancels, with one terminal event', async () => {
    const endpoint = perAttempt([{ status: 503, headers: { 'content-type': 'text/plain', 'retry-after': '30' } }]);
    const el = await fixture<AskStreamElement>(html`<ask-stream endpoint=${ATTEMPTS_ENDPOINT}></ask-stream>`);
    el.body = endpoint.body;
    const terminals = logTerminals();
    const retrying = oneEvent(el, 'ask-stream-retrying');
    const done = el.ask('q');
    expect(((await retrying) as AskStreamRetryingEvent).detail.delayMs).to.equal(30000);
    el.cancel();
    await done;
    expect(el.status).to.equal('cancelled');
    expect(terminals).to.deep.equal(['ask-stream-cancel']);
    expect(await endpoint.attempts()).to.have.length(1);
  });

  describe('persist', () => {
    const saved = (exchanges: unknown[], pending?: unknown) => JSON.stringify({ v: 1, exchanges, pending });
    const exchange = (query: string, response: string, status = 'complete') => ({
      query,
      response,
      metadata: null,
      error: null,
      status,
    });

    it('saves the transcript in sessionStorage under a key derived from the endpoint', async () => {
      const el = await fixture<AskStreamElement>(
        html`<ask-stream endpoint=${ATTEMPTS_ENDPOINT} persist="session"></ask-stream>`,
      );
      el.body = perAttempt([chunk('kept'), complete()]).body;
      await el.ask('q');
      await el.updateComplete;
      const key = `ask-stream:${new URL(ATTEMPTS_ENDPOINT, location.href).href}`;
      const stored = JSON.parse(sessionStorage.getItem(key)!);
      expect(stored.exchanges).to.deep.equal([exchange('q', 'kept')]);
      expect(localStorage.length).to.equal(0);
    });

    it('restores a saved transcript, from localStorage under persist-key', async () => {
      localStorage.setItem('my-key', saved([exchange('a', 'answer A'), exchange('b', 'answer B')]));
      const el = await fixture<AskStreamElement>(
        html`<ask-stream endpoint=${ATTEMPTS_ENDPOINT} persist="local" persist-key="my-key"></ask-stream>`,
      );
      await el.updateComplete;
      expect(el.exchanges.map((e) => [e.query, e.response, e.status])).to.deep.equal([
        ['a', 'answer A', 'complete'],
        ['b', 'answer B', 'complete'],
      ]);
      expect(el.status).to.equal('complete');
      expect(el.shadowRoot!.querySelectorAll('[part~="exchange"]')).to.have.length(2);
    });

    it('resumes an answer that was streaming, with its key and last event id', async () => {
      const endpoint = byLastEventId({
        '5': [withId(6, { type: 'chunk', content: ' finished' }), withId(7, { type: 'complete', success: true })],
      });
      sessionStorage.setItem(
        'resume-key',
        saved([exchange('q', 'started', 'streaming')], { idempotencyKey: 'abc', lastEventId: '5' }),
      );
      const terminals = logTerminals();
      const el = await fixture<AskStreamElement>(
        html`<ask-stream endpoint=${ATTEMPTS_ENDPOINT} persist="session" persist-key="resume-key" .body=${endpoint.body}></ask-stream>`,
      );
      await waitUntil(() => el.status === 'complete', 'the resumed answer completes');
      expect(el.response).to.equal('started finished');
      expect(terminals).to.deep.equal(['ask-stream-complete']);
      const [attempt] = await endpoint.attempts();
      expect([attempt!.idempotencyKey, attempt!.lastEventId]).to.deep.equal(['abc', '5']);
      await el.updateComplete;
      expect(JSON.parse(sessionStorage.getItem('resume-key')!).exchanges).to.deep.equal([
        exchange('q', 'started finished'),
      ]);
    });

    it('clear() clears the stored copy too', async () => {
      sessionStorage.setItem('k', saved([exchange('a', 'b')]));
      const el = await fixture<AskStreamElement>(html`<ask-stream persist="session" persist-key="k"></ask-stream>`);
      await el.updateComplete;
      expect(el.exchanges).to.have.length(1);
      el.clear();
      await el.updateComplete;
      expect(sessionStorage.getItem('k')).to.equal(null);
      expect(el.exchanges).to.have.length(0);
    });

    it('keeps within the size cap by dropping the oldest exchanges', async () => {
      const { PERSIST_MAX_CHARS } = await import('../../src/index.js');
      const big = 'x'.repeat(Math.floor(PERSIST_MAX_CHARS / 3));
      sessionStorage.setItem('cap', saved([exchange('1', big), exchange('2', big)]));
      const el = await fixture<AskStreamElement>(
        html`<ask-stream endpoint=${ATTEMPTS_ENDPOINT} persist="session" persist-key="cap"></ask-stream>`,
      );
      el.body = perAttempt([chunk(big), complete()]).body;
      await el.ask('3');
      await el.updateComplete;
      const stored = sessionStorage.getItem('cap')!;
      expect(stored.length).to.be.at.most(PERSIST_MAX_CHARS);
      expect(JSON.parse(stored).exchanges.map((e: { query: string }) => e.query)).to.deep.equal(['2', '3']);
    });

    it('ignores a broken stored copy and does nothing without persist', async () => {
      sessionStorage.setItem('bad', '{not json');
      const el = await fixture<AskStreamElement>(html`<ask-stream persist="session" persist-key="bad"></ask-stream>`);
      await el.updateComplete;
      expect(el.exchanges).to.have.length(0);
      const plain = await fixture<AskStreamElement>(
        html`<ask-stream endpoint=${ATTEMPTS_ENDPOINT} persist-key="plain"></ask-stream>`,
      );
      plain.body = perAttempt([chunk('x'), complete()]).body;
      await plain.ask('q');
      await plain.updateComplete;
      expect(sessionStorage.getItem('plain')).to.equal(null);
    });
  });
});
